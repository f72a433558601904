using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Sources;

/// <summary>
/// What a source factory gets: its configuration section, where it is (for errors), the base path, and the name of
/// the secret it serves (sources that keep state, such as leases, key it by that name).
/// </summary>
public sealed record SourceContext(
    IConfigurationSection Section,
    string Location,
    string BaseDirectory,
    ConfigErrors Errors,
    IConfiguration? Root = null,
    string Secret = "")
{
    /// <summary>The display path of the <c>source</c> section, e.g. <c>secrets[0].source</c>.</summary>
    public string Path => ConfigPath.Of(Section);

    /// <summary>Resolves a path from the configuration against the configuration file's directory.</summary>
    public string ResolvePath(string path) => System.IO.Path.GetFullPath(path, BaseDirectory);
}
