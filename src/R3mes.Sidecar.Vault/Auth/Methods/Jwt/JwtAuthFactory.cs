using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth.Methods.Jwt;

/// <summary><c>method: jwt</c> with <c>role</c> and <c>jwt_file</c>.</summary>
internal sealed class JwtAuthFactory() : AuthMethodFactory<JwtAuthOptions>("jwt", JwtAuthOptions.Keys)
{
    protected override JwtAuthOptions? Bind(IConfigurationSection section) => section.Get<JwtAuthOptions>();

    protected override IAuthMethod? Create(AuthMethodContext context, JwtAuthOptions options)
    {
        var role = context.Require(options.Role, "role", "backend");
        var jwtFile = context.RequirePath(options.JwtFile, "jwt_file", "/var/run/secrets/tokens/vault");
        return role is null || jwtFile is null ? null : new JwtAuth(Method, context.Mount, role, jwtFile);
    }
}
