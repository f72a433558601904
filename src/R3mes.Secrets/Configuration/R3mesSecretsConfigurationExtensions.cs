using R3mes.Secrets.Configuration;
using R3mes.Secrets.Watching;

// The Microsoft.Extensions.Configuration namespace, as AddJsonFile and friends, so the method is found without a using.
namespace Microsoft.Extensions.Configuration;

public static class R3mesSecretsConfigurationExtensions
{
    /// <summary>
    /// Adds the files of the secrets directory as configuration keys (<c>Secrets:jwt_secret</c> by default) and
    /// reloads when their content changes.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public static IConfigurationBuilder AddR3mesSecrets(
        this IConfigurationBuilder builder, Action<SecretsConfigurationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SecretsConfigurationOptions();
        configure?.Invoke(options);
        ArgumentNullException.ThrowIfNull(options.KeyPrefix, "KeyPrefix");
        var settings = SecretWatchSettings.Create(
            options.Directory, options.EnvironmentVariables, options.PollingInterval,
            options.UseFileSystemWatcher, options.TimeProvider);
        return builder.Add(new SecretsConfigurationSource(
            settings, options.KeyPrefix.Trim(':'), options.Optional, options.TrimTrailingNewline, options.ReloadOnChange));
    }
}
