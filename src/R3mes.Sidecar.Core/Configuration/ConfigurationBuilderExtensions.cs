using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Configuration;

public static class ConfigurationBuilderExtensions
{
    /// <summary>Environment overrides in the .NET form: <c>R3MES_SIDECAR__output__dir</c>.</summary>
    public const string EnvironmentPrefix = "R3MES_SIDECAR__";

    /// <summary>Adds the sidecar's file (YAML or JSON, chosen by extension) and then its environment overrides.</summary>
    public static IConfigurationBuilder AddSidecarConfiguration(this IConfigurationBuilder builder, string? path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (path is not null)
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new ConfigurationException($"configuration file '{path}' does not exist; pass --config PATH or set R3MES_SIDECAR_CONFIG");
            }

            var directory = Path.GetDirectoryName(full)!;
            var name = Path.GetFileName(full);
            if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                builder.Add(new JsonFileConfigurationSource
                {
                    FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(directory),
                    Path = name,
                    Optional = false,
                    ReloadOnChange = false,
                    OnLoadException = context => LoadFailed(context, path),
                });
            }
            else
            {
                builder.Add(new YamlConfigurationSource
                {
                    FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(directory),
                    Path = name,
                    Optional = false,
                    ReloadOnChange = false,
                    OnLoadException = context => LoadFailed(context, path),
                });
            }
        }

        return builder.AddEnvironmentVariables(EnvironmentPrefix);
    }

    /// <summary>
    /// Adds a configuration given as text (<c>R3MES_SIDECAR_CONFIG_INLINE</c>, set by the Kubernetes injector: no file
    /// to mount): JSON when it starts with <c>{</c>, else YAML; then the environment overrides, as for a file.
    /// </summary>
    public static IConfigurationBuilder AddSidecarConfigurationText(this IConfigurationBuilder builder, string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        Dictionary<string, string?> data;
        if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = System.Text.Json.JsonDocument.Parse(bytes);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new ConfigurationException($"{origin} is not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}");
            }

            // Loaded now, not at Build(): the JSON provider refuses a duplicate key (or a top-level array) with a
            // FormatException, which must be a configuration error (exit 2), not an unhandled exception.
            ConfigurationRoot json;
            try
            {
                json = new ConfigurationRoot([new Microsoft.Extensions.Configuration.Json.JsonStreamConfigurationProvider(
                    new Microsoft.Extensions.Configuration.Json.JsonStreamConfigurationSource { Stream = new MemoryStream(bytes) })]);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                // Duplicate keys (FormatException) and lone surrogate escapes such as "\ud800" (InvalidOperationException).
                throw new ConfigurationException($"{origin} is not a valid configuration: {e.Message}");
            }

            builder.AddInMemoryCollection(json.AsEnumerable());
            return builder.AddEnvironmentVariables(EnvironmentPrefix);
        }

        using (var stream = new MemoryStream(bytes))
        {
            data = YamlConfigurationProvider.Parse(stream);
        }

        builder.AddInMemoryCollection(data);
        return builder.AddEnvironmentVariables(EnvironmentPrefix);
    }

    /// <summary>
    /// File providers wrap parse errors in <see cref="InvalidDataException"/>; surface them as the configuration
    /// error they are, so callers report them as one (exit code 2) with the line.
    /// </summary>
    private static void LoadFailed(FileLoadExceptionContext context, string path)
    {
        var cause = context.Exception.InnerException ?? context.Exception;
        throw cause as ConfigurationException ?? new ConfigurationException(
            $"configuration file '{path}' is not valid: {(cause.InnerException ?? cause).Message}");
    }
}
