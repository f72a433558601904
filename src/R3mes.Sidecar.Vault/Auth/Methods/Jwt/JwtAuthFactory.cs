using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth.Methods.Jwt;

/// <summary><c>method: jwt</c> with <c>role</c> and <c>jwt_file</c>.</summary>
internal sealed class JwtAuthFactory : IAuthMethodFactory
{
    public string Method => "jwt";

    public IReadOnlyCollection<string> OptionKeys => JwtAuthOptions.Keys;

    public IAuthMethod? Create(AuthMethodContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Bind(s => s.Get<JwtAuthOptions>());
        var role = context.Require(options.Role, "role", "backend");
        var jwtFile = context.Require(options.JwtFile, "jwt_file", "/var/run/secrets/tokens/vault");
        return role is null || jwtFile is null ? null : new JwtAuth(Method, context.Mount, role, context.ResolvePath(jwtFile)!);
    }
}
