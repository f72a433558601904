using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth.Methods.Cert;

/// <summary><c>method: cert</c>: the client certificate of <c>vault.tls</c> is the identity; <c>role</c> is optional.</summary>
internal sealed class CertAuthFactory() : AuthMethodFactory<CertAuthOptions>("cert", CertAuthOptions.Keys)
{
    protected override CertAuthOptions? Bind(IConfigurationSection section) => section.Get<CertAuthOptions>();

    protected override IAuthMethod? Create(AuthMethodContext context, CertAuthOptions options) => new CertAuth(context.Mount, options.Role);
}
