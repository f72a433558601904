using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Injector.Settings;

/// <summary>The injector's own configuration file, as bound (see <see cref="InjectorSettingsReader"/> for the checks).</summary>
public sealed class InjectorOptions
{
    public static readonly string[] Keys = ["listen", "tls", "namespace", "skip_namespaces", "sidecar", "vault", "aws", "log"];

    public string? Listen { get; set; }

    public string? Namespace { get; set; }

    [ConfigurationKeyName("skip_namespaces")]
    public List<string> SkipNamespaces { get; set; } = [];
}
