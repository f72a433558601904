using R3mes.Secrets.Configuration;
using R3mes.Secrets.Reading;
using R3mes.Secrets.Watching;

// The Microsoft.Extensions.Configuration namespace, as AddJsonFile and friends, so the method is found without a using.
namespace Microsoft.Extensions.Configuration;

public static class R3mesSecretsConfigurationExtensions
{
    /// <summary>
    /// Adds secrets as configuration keys (<c>Secrets:jwt_secret</c> by default) with <c>SecretReader</c>'s lookup:
    /// the directory's files, then <c>$NAME_FILE</c> and <c>$NAME</c> for the listed keys; <c>__</c> in a file name
    /// becomes <c>:</c>. Reloads when a file's content changes.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid (the message names it).</exception>
    public static IConfigurationBuilder AddR3mesSecrets(
        this IConfigurationBuilder builder, Action<SecretsConfigurationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SecretsConfigurationOptions();
        configure?.Invoke(options);
        ArgumentNullException.ThrowIfNull(options.KeyPrefix, "KeyPrefix");
        ArgumentNullException.ThrowIfNull(options.EnvironmentVariables, "EnvironmentVariables");
        var settings = SecretWatchSettings.Create(
            options.Directory, options.EnvironmentVariables, options.PollingInterval,
            options.UseFileSystemWatcher, options.TimeProvider);
        var lookup = new SecretLookup(
            settings.Directory, options.TrimTrailingNewline, options.AllowEnvironmentFallback ? options.EnvironmentVariables : null);
        if (options.Keys.Any(key => key is null))
            throw new ArgumentException("Keys must not contain null", "Keys");
        var layout = new SecretsConfigurationLayout(options.KeyPrefix, [.. options.Keys]);
        return builder.Add(new SecretsConfigurationSource(settings, lookup, layout, options.Optional, options.ReloadOnChange));
    }
}
