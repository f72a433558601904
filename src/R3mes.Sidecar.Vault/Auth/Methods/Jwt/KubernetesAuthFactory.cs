using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth.Methods.Jwt;

/// <summary>
/// <c>method: kubernetes</c>: the <c>jwt</c> login with the pod's service-account token as the default
/// <c>jwt_file</c>.
/// </summary>
internal sealed class KubernetesAuthFactory() : AuthMethodFactory<JwtAuthOptions>("kubernetes", JwtAuthOptions.Keys)
{
    public const string ServiceAccountToken = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    protected override JwtAuthOptions? Bind(IConfigurationSection section) => section.Get<JwtAuthOptions>();

    protected override IAuthMethod? Create(AuthMethodContext context, JwtAuthOptions options) =>
        context.Require(options.Role, "role", "backend") is { } role
            ? new JwtAuth(Method, context.Mount, role, context.ResolvePath(options.JwtFile ?? ServiceAccountToken)!)
            : null;
}
