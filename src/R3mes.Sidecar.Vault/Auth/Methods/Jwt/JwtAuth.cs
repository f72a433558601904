using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Auth.Methods.Jwt;

/// <summary>
/// <c>kubernetes</c> and <c>jwt</c>: <c>{role, jwt}</c> to <c>auth/&lt;mount&gt;/login</c>, the JWT re-read at every
/// login because Kubernetes rotates projected service-account tokens.
/// </summary>
internal sealed class JwtAuth(string method, string mount, string role, string jwtFile) : IAuthMethod
{
    public string Description => $"{method} at auth/{mount} as role {role}";

    public async ValueTask<LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken)
    {
        var jwt = await AuthFiles.ReadAsync(jwtFile, "JWT", cancellationToken).ConfigureAwait(false);
        return LoginRequest.Call(mount, new Dictionary<string, string> { ["role"] = role, ["jwt"] = jwt.RevealUtf8() });
    }
}
