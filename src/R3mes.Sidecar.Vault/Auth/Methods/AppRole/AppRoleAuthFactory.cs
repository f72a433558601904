using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth.Methods.AppRole;

/// <summary><c>method: approle</c> with <c>role_id_file</c>, <c>secret_id_file</c> and the two secret_id switches.</summary>
internal sealed class AppRoleAuthFactory() : AuthMethodFactory<AppRoleAuthOptions>("approle", AppRoleAuthOptions.Keys)
{
    protected override AppRoleAuthOptions? Bind(IConfigurationSection section) => section.Get<AppRoleAuthOptions>();

    protected override IAuthMethod? Create(AuthMethodContext context, AppRoleAuthOptions options)
    {
        var roleIdFile = context.RequirePath(options.RoleIdFile, "role_id_file", "/vault/role-id");
        var secretIdFile = context.RequirePath(options.SecretIdFile, "secret_id_file", "/vault/secret-id");
        return roleIdFile is null || secretIdFile is null ? null
            : new AppRoleAuth(context.Mount, roleIdFile, secretIdFile, options.SecretIdWrapped, options.RemoveSecretIdFile);
    }
}
