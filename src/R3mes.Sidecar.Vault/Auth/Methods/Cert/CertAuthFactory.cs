using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth.Methods.Cert;

/// <summary><c>method: cert</c>: the client certificate of <c>vault.tls</c> is the identity; <c>role</c> is optional.</summary>
internal sealed class CertAuthFactory : IAuthMethodFactory
{
    public string Method => "cert";

    public IReadOnlyCollection<string> OptionKeys => CertAuthOptions.Keys;

    public IAuthMethod? Create(AuthMethodContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new CertAuth(context.Mount, context.Bind(s => s.Get<CertAuthOptions>()).Role);
    }
}
