using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Auth.Methods.Cert;

/// <summary><c>cert</c>: the identity is the TLS client certificate (<c>vault.tls.client_cert</c>); the body may name the role.</summary>
internal sealed class CertAuth(string mount, string? role) : IAuthMethod
{
    public string Description => $"cert at auth/{mount}" + (role is null ? "" : $" as role {role}");

    public ValueTask<LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken) =>
        ValueTask.FromResult(LoginRequest.Call(mount, role is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["name"] = role }));
}
