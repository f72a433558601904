namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>The event types of a watch stream.</summary>
internal enum WatchEventType
{
    Added,
    Modified,
    Deleted,
    Bookmark,
    Error,
}
