namespace R3mes.Sidecar.Injector.Settings;

/// <summary>The validated <c>sidecar:</c> settings.</summary>
public sealed record SidecarDefaults(
    string Image,
    string PullPolicy,
    SidecarLayout Layout,
    int Port,
    long Uid,
    ResourceSettings Resources,
    string SecretsSize,
    string StateSize,
    string FileSourcesDir);
