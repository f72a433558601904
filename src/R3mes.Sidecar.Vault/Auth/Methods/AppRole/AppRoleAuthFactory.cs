using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth.Methods.AppRole;

/// <summary><c>method: approle</c> with <c>role_id_file</c>, <c>secret_id_file</c> and the two secret_id switches.</summary>
internal sealed class AppRoleAuthFactory : IAuthMethodFactory
{
    public string Method => "approle";

    public IReadOnlyCollection<string> OptionKeys => AppRoleAuthOptions.Keys;

    public IAuthMethod? Create(AuthMethodContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Bind(s => s.Get<AppRoleAuthOptions>());
        var roleIdFile = context.Require(options.RoleIdFile, "role_id_file", "/vault/role-id");
        var secretIdFile = context.Require(options.SecretIdFile, "secret_id_file", "/vault/secret-id");
        return roleIdFile is null || secretIdFile is null ? null
            : new AppRoleAuth(context.Mount, context.ResolvePath(roleIdFile)!, context.ResolvePath(secretIdFile)!, options.SecretIdWrapped, options.RemoveSecretIdFile);
    }
}
