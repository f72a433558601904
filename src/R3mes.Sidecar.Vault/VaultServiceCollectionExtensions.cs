using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Configuration;
using R3mes.Sidecar.Vault.Kv;

namespace R3mes.Sidecar.Vault;

public static class VaultServiceCollectionExtensions
{
    /// <summary>Adds the <c>vault:</c> section, the <c>vault</c> source kind and, for daemons, the token keeper.</summary>
    public static SidecarBuilder AddVault(this SidecarBuilder builder, bool daemon)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<VaultRuntime>();
        if (daemon)
        {
            builder.Services.AddHostedService<VaultTokenKeeper>();
        }

        return builder.AddSection<VaultSection>().AddSource<VaultSourceFactory>();
    }
}
