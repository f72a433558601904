using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Auth.Methods.AppRole;
using R3mes.Sidecar.Vault.Auth.Methods.Cert;
using R3mes.Sidecar.Vault.Auth.Methods.Jwt;
using R3mes.Sidecar.Vault.Auth.Methods.Token;
using R3mes.Sidecar.Vault.Configuration;
using R3mes.Sidecar.Vault.Engines;

namespace R3mes.Sidecar.Vault;

public static class VaultServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <c>vault:</c> section, the built-in auth methods (token, approle, kubernetes, jwt, cert), the
    /// <c>vault</c> source kind and, for daemons, the token keeper and revoke_on_shutdown. Other auth methods are
    /// added with <see cref="AddVaultAuth{TFactory}"/>.
    /// </summary>
    public static SidecarBuilder AddVault(this SidecarBuilder builder, bool daemon)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<VaultRuntime>();
        if (daemon)
        {
            builder.Services.AddHostedService<Leases.LeaseRevocation>();
            builder.Services.AddHostedService<VaultTokenKeeper>();
        }

        return builder.AddSection<VaultSection>().AddSource<VaultSourceFactory>()
            .AddVaultAuth<TokenAuthFactory>()
            .AddVaultAuth<AppRoleAuthFactory>()
            .AddVaultAuth<KubernetesAuthFactory>()
            .AddVaultAuth<JwtAuthFactory>()
            .AddVaultAuth<CertAuthFactory>();
    }

    /// <summary>Adds a Vault auth method, found by its <see cref="IAuthMethodFactory.Method"/> (the value of <c>vault.auth.method</c>).</summary>
    public static SidecarBuilder AddVaultAuth<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFactory>(this SidecarBuilder builder)
        where TFactory : class, IAuthMethodFactory
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthMethodFactory, TFactory>());
        return builder;
    }
}
