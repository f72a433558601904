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
                builder.AddJsonFile(new Microsoft.Extensions.FileProviders.PhysicalFileProvider(directory), name, optional: false, reloadOnChange: false);
            }
            else
            {
                builder.Add(new YamlConfigurationSource
                {
                    FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(directory),
                    Path = name,
                    Optional = false,
                    ReloadOnChange = false,
                });
            }
        }

        return builder.AddEnvironmentVariables(EnvironmentPrefix);
    }
}
