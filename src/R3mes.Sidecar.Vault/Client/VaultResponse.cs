using System.Net;

namespace R3mes.Sidecar.Vault.Client;

/// <summary>A parsed answer: the status and the envelope (null for 204 and empty bodies).</summary>
internal sealed record VaultResponse(HttpStatusCode Status, VaultEnvelope? Envelope)
{
    public VaultEnvelope Required(string operation) =>
        Envelope ?? throw new VaultApiException(Status, ["empty response where a body was expected"], operation);
}
