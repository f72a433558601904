using R3mes.Sidecar.Vault.Auth;

namespace R3mes.Sidecar.Plugins.Tests.Auth.Userpass;

/// <summary><c>method: userpass</c> with <c>username</c> and <c>password_file</c> (a demonstration auth method).</summary>
internal sealed class UserpassAuthFactory : IAuthMethodFactory
{
    private static readonly string[] Keys = ["username", "password_file"];

    public string Method => "userpass";

    public IReadOnlyCollection<string> OptionKeys => Keys;

    public IAuthMethod? Create(AuthMethodContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var username = context.Require(context.Section["username"], "username", "backend");
        var passwordFile = context.RequirePath(context.Section["password_file"], "password_file", "/vault/password");
        return username is null || passwordFile is null ? null : new UserpassAuth(context.Mount, username, passwordFile);
    }
}
