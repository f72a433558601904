using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth.Methods.Jwt;

/// <summary>
/// <c>method: kubernetes</c>: the <c>jwt</c> login with the pod's service-account token as the default
/// <c>jwt_file</c>.
/// </summary>
internal sealed class KubernetesAuthFactory : IAuthMethodFactory
{
    public const string ServiceAccountToken = "/var/run/secrets/kubernetes.io/serviceaccount/token";

    public string Method => "kubernetes";

    public IReadOnlyCollection<string> OptionKeys => JwtAuthOptions.Keys;

    public IAuthMethod? Create(AuthMethodContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Bind(s => s.Get<JwtAuthOptions>());
        var role = context.Require(options.Role, "role", "backend");
        return role is null ? null : new JwtAuth(Method, context.Mount, role, context.ResolvePath(options.JwtFile ?? ServiceAccountToken)!);
    }
}
