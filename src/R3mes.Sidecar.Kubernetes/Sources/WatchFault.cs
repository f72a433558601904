namespace R3mes.Sidecar.Kubernetes.Sources;

/// <summary>Why the watch cannot serve the Secret: the value-free text for the message and the error the failure reason is taken from.</summary>
internal sealed record WatchFault(string Reason, Exception Error);
