using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>A parsed API call: verb (PUT folded into POST, LIST for ?list=true), path after /v1/, query, body, token.</summary>
internal sealed record EmulatorCall(string Method, string Path, IReadOnlyDictionary<string, string> Query, JsonObject? Body, string? Token, string? ClientCertificate = null)
{
    public string[] Segments => Path.Split('/');

    public string? Str(string name) => Body?[name]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? Body[name]!.GetValue<string>() : Body?[name]?.ToJsonString();
}
