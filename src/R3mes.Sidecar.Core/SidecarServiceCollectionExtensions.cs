using System.IO.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using R3mes.Sidecar.Actions.Command;
using R3mes.Sidecar.Actions.Http;
using R3mes.Sidecar.Actions.Signal;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Sources.Env;
using R3mes.Sidecar.Sources.Files;

namespace R3mes.Sidecar;

/// <summary>Registers the core pipeline, the built-in sources and the built-in actions. Plugins add their factories the same way.</summary>
public static class SidecarServiceCollectionExtensions
{
    public static SidecarBuilder AddSidecarCore(this IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IFileSystem, FileSystem>();
        services.TryAddSingleton<IDirectoryWatcher, DirectoryWatcher>();
        services.TryAddSingleton<FileSpecReader>();
        services.TryAddSingleton<SecretSpecReader>();
        services.TryAddSingleton<ActionSpecReader>();
        services.TryAddSingleton<PlanSections>();
        services.TryAddSingleton<SidecarPlanBuilder>();
        services.TryAddSingleton<StatusBoard>();
        services.TryAddSingleton<FatalFailure>();
        services.TryAddSingleton<SidecarMetrics>();
        services.TryAddSingleton<SecretRefresher>();
        services.TryAddSingleton<InitialRender>();
        // The one default Random: everything that jitters receives it, so tests pin it with new Random(seed).
        services.TryAddSingleton(Random.Shared);
        services.TryAddSingleton<LifetimeEngine>();
        return new SidecarBuilder(services)
            .AddSource<FileSourceFactory>()
            .AddSource<EnvSourceFactory>()
            .AddAction<SignalActionFactory>()
            .AddAction<CommandActionFactory>()
            .AddAction<HttpActionFactory>();
    }
}
