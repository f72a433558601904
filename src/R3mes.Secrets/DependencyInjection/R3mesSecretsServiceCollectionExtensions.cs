using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using R3mes.Secrets;
using R3mes.Secrets.DependencyInjection;
using R3mes.Secrets.Watching;

// The Microsoft.Extensions.DependencyInjection namespace, as AddOptions and friends, so the method is found without a using.
namespace Microsoft.Extensions.DependencyInjection;

// A library's AddX registration lambdas are its composition root: the only place it asks the provider for services.
public static class R3mesSecretsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISecretReader"/> as a singleton <see cref="CachedSecretReader"/> (values kept until the
    /// directory changes), the <see cref="SecretWatcher"/> behind it (inject it to hear about changes) and a
    /// <see cref="SecretReader"/> on the same options for the rare reads that must go to disk. Time comes
    /// from the container's <see cref="TimeProvider"/> (<see cref="TimeProvider.System"/> unless one is registered).
    /// Calling it again only adds configuration.
    /// </summary>
    public static IServiceCollection AddR3mesSecrets(this IServiceCollection services, Action<R3mesSecretsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<R3mesSecretsOptions>();
        if (configure is not null)
            options.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => CreateWatcher(
            provider.GetRequiredService<IOptions<R3mesSecretsOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new SecretReader(ReaderOptions(provider.GetRequiredService<IOptions<R3mesSecretsOptions>>().Value)));
        services.TryAddSingleton(provider => new CachedSecretReader(
            ReaderOptions(provider.GetRequiredService<IOptions<R3mesSecretsOptions>>().Value), provider.GetRequiredService<SecretWatcher>()));
        services.TryAddSingleton<ISecretReader>(provider => provider.GetRequiredService<CachedSecretReader>());
        return services;
    }

    private static SecretWatcher CreateWatcher(R3mesSecretsOptions options, TimeProvider time) => new(new SecretWatcherOptions
    {
        Directory = options.Directory,
        PollingInterval = options.PollingInterval,
        UseFileSystemWatcher = options.UseFileSystemWatcher,
        TimeProvider = time,
        EnvironmentVariables = options.EnvironmentVariables,
    });

    private static SecretReaderOptions ReaderOptions(R3mesSecretsOptions options) => new()
    {
        Directory = options.Directory,
        TrimTrailingNewline = options.TrimTrailingNewline,
        AllowEnvironmentFallback = options.AllowEnvironmentFallback,
        EnvironmentVariables = options.EnvironmentVariables,
    };
}
