using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using R3mes.Sidecar.Actions;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar;

/// <summary>Chains plugin registrations: <c>services.AddSidecarCore().AddSource&lt;VaultSourceFactory&gt;()</c>.</summary>
public sealed class SidecarBuilder(IServiceCollection services)
{
    public IServiceCollection Services { get; } = services;

    public SidecarBuilder AddSource<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFactory>()
        where TFactory : class, ISecretSourceFactory
    {
        Services.AddSingleton<ISecretSourceFactory, TFactory>();
        return this;
    }

    public SidecarBuilder AddAction<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFactory>()
        where TFactory : class, IReloadActionFactory
    {
        Services.AddSingleton<IReloadActionFactory, TFactory>();
        return this;
    }

    public SidecarBuilder AddSection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TOwner>()
        where TOwner : class, IConfigSectionOwner
    {
        Services.AddSingleton<IConfigSectionOwner, TOwner>();
        return this;
    }
}
