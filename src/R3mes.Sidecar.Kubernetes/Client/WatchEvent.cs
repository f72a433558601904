namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>A decoded watch event: a Secret (ADDED, MODIFIED, DELETED, BOOKMARK) or a Status (ERROR).</summary>
internal sealed record WatchEvent(WatchEventType Type, SecretObject? Secret, ApiStatus? Status)
{
    /// <summary>The resource version the event moves the watch to (none for ERROR).</summary>
    public string? ResourceVersion => Secret?.Metadata?.ResourceVersion;
}
