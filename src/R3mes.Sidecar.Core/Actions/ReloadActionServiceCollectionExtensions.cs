using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace R3mes.Sidecar.Actions;

/// <summary>Registers the reload action kinds <c>signal</c>, <c>command</c> and <c>http</c>.</summary>
public static class ReloadActionServiceCollectionExtensions
{
    /// <summary>
    /// Adds the three action factories as <see cref="IReloadActionFactory"/> singletons, the HTTP client they use
    /// (no redirects, no cookies, no client timeout: each action applies its own through the
    /// <see cref="TimeProvider"/>; no request logging, which would show URLs with their query), and
    /// <see cref="TimeProvider.System"/> unless a TimeProvider is registered already.
    /// </summary>
    public static IServiceCollection AddReloadActions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpAction.ClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            .RemoveAllLoggers();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReloadActionFactory, SignalActionFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReloadActionFactory, CommandActionFactory>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReloadActionFactory, HttpActionFactory>());
        return services;
    }
}
