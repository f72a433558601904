namespace R3mes.Sidecar.Kubernetes.Emulator;

/// <summary>How the emulated API server behaves.</summary>
public sealed class KubernetesEmulatorOptions
{
    /// <summary>Serve https with a throwaway CA (<see cref="KubernetesEmulator.CaPem"/>); false: plain http.</summary>
    public bool Tls { get; init; } = true;

    /// <summary>The bearer token accepted at start; <see cref="KubernetesEmulator.RotateToken"/> replaces it.</summary>
    public string Token { get; init; } = "emulator-token-1";

    /// <summary>Answer a too-old resource version with an HTTP 410 instead of the usual 200 + ERROR event.</summary>
    public bool GoneAsHttpStatus { get; init; }

    /// <summary>How often an open watch with <c>allowWatchBookmarks</c> gets a BOOKMARK (the real server: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The server's own cap on a watch's length (its <c>timeoutSeconds</c> is honoured below this).</summary>
    public TimeSpan MaxWatchTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// RBAC scoped by <c>resourceNames</c>: when set, only these <c>namespace/name</c> Secrets may be read, with only
    /// <see cref="AllowedVerbs"/>; list and watch must carry <c>fieldSelector=metadata.name=NAME</c> for one of them.
    /// </summary>
    public IReadOnlySet<string>? ResourceNames { get; init; }

    /// <summary>Verbs the token may use on the <see cref="ResourceNames"/> (get, list, watch).</summary>
    public IReadOnlySet<string> AllowedVerbs { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "get", "list", "watch" };

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public int Port { get; init; }
}
