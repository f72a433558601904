using System.Net;

namespace R3mes.Sidecar.Injector.Settings;

/// <summary>The injector's validated configuration.</summary>
public sealed record InjectorSettings(
    IPEndPoint Listen,
    string CertFile,
    string KeyFile,
    string Namespace,
    IReadOnlySet<string> SkipNamespaces,
    SidecarDefaults Sidecar,
    VaultTarget? Vault,
    string? AwsRegion,
    string LogLevel)
{
    /// <summary>The label that marks the injector's own pods (they are never injected).</summary>
    public const string SelfLabel = "app.kubernetes.io/name";

    public const string SelfLabelValue = "r3mes-sidecar-injector";
}
