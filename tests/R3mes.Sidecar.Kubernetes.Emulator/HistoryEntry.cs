namespace R3mes.Sidecar.Kubernetes.Emulator;

/// <summary>One change in the event history a watch replays from: ADDED, MODIFIED or DELETED at a resource version.</summary>
internal sealed record HistoryEntry(long ResourceVersion, string Type, StoredSecret Secret);
