using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Plugins.Tests.Auth.Userpass;

/// <summary>Vault's userpass login: <c>{password}</c> to <c>auth/&lt;mount&gt;/login/&lt;username&gt;</c>, the password re-read at every login.</summary>
internal sealed class UserpassAuth(string mount, string username, string passwordFile) : IAuthMethod
{
    public string Description => $"userpass at auth/{mount} as {username}";

    public async ValueTask<LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken)
    {
        var password = (await File.ReadAllTextAsync(passwordFile, cancellationToken)).Trim();
        return LoginRequest.Call(mount, new Dictionary<string, string> { ["password"] = password }, $"login/{username}");
    }
}
