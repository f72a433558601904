using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Configuration;
using R3mes.Sidecar.Vault.Engines;

namespace R3mes.Sidecar.Vault;

public static class VaultServiceCollectionExtensions
{
    /// <summary>Adds the <c>vault:</c> section, the <c>vault</c> source kind and, for daemons, the token keeper and revoke_on_shutdown.</summary>
    public static SidecarBuilder AddVault(this SidecarBuilder builder, bool daemon)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<VaultRuntime>();
        if (daemon)
        {
            builder.Services.AddHostedService<Leases.LeaseRevocation>();
            builder.Services.AddHostedService<VaultTokenKeeper>();
        }

        return builder.AddSection<VaultSection>().AddSource<VaultSourceFactory>();
    }
}
