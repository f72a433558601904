using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using R3mes.Secrets;
using R3mes.Secrets.Npgsql;
using R3mes.Secrets.Watching;

namespace Microsoft.Extensions.DependencyInjection;

// A library's AddX registration lambdas are its composition root: the only place it asks the provider for services.
public static class RotatingDataSourceServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="RotatingNpgsqlDataSource"/> and the hosted service that builds its first pool at
    /// start and rebuilds it when the credential files change. Adds <c>AddR3mesSecrets()</c> (configure the directory
    /// there); credentials are read afresh at each rebuild, not from the cache.
    /// </summary>
    public static IServiceCollection AddR3mesNpgsqlDataSource(this IServiceCollection services, Action<RotatingDataSourceOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddR3mesSecrets();
        services.AddOptions<RotatingDataSourceOptions>().Configure(configure);
        services.TryAddSingleton(provider => new RotatingNpgsqlDataSource(
            provider.GetRequiredService<SecretReader>(),
            provider.GetRequiredService<IOptions<RotatingDataSourceOptions>>().Value,
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<RotatingNpgsqlDataSource>>() ?? NullLogger<RotatingNpgsqlDataSource>.Instance));
        services.AddHostedService(provider => new CredentialRotationService(
            provider.GetRequiredService<RotatingNpgsqlDataSource>(),
            provider.GetRequiredService<SecretWatcher>(),
            provider.GetRequiredService<IOptions<RotatingDataSourceOptions>>().Value));
        return services;
    }
}
