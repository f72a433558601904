using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

    /// <summary>Adds an action kind, found by its <see cref="IReloadActionFactory.Kind"/>; adding the same factory twice adds it once.</summary>
    public SidecarBuilder AddAction<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TFactory>()
        where TFactory : class, IReloadActionFactory
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IReloadActionFactory, TFactory>());
        return this;
    }

    public SidecarBuilder AddSection<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TOwner>()
        where TOwner : class, IConfigSectionOwner
    {
        Services.AddSingleton<IConfigSectionOwner, TOwner>();
        return this;
    }
}
