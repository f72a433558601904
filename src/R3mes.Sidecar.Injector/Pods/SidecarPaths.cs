namespace R3mes.Sidecar.Injector.Pods;

/// <summary>Names and paths the injected pod uses.</summary>
internal static class SidecarPaths
{
    public const string SidecarContainer = "r3mes-sidecar";
    public const string InitContainer = "r3mes-sidecar-init";
    public const string SecretsVolume = "r3mes-secrets";
    public const string StateVolume = "r3mes-sidecar-state";
    public const string SecretsMount = "/run/secrets";
    public const string StateMount = "/run/r3mes-sidecar";

    /// <summary>A subdirectory, so the sidecar creates it 0700 itself (an emptyDir's root is 0777).</summary>
    public const string StateDir = StateMount + "/state";

    /// <summary>The sidecar's whole configuration as text (README "Kubernetes"): no file to mount.</summary>
    public const string ConfigVariable = "R3MES_SIDECAR_CONFIG_INLINE";
}
