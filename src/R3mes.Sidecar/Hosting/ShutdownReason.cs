namespace R3mes.Sidecar.Hosting;

/// <summary>Why the daemon stops, for the shutdown line: the first reason recorded wins (a SIGTERM forwarded to the exec child, then its exit, is "SIGTERM").</summary>
internal sealed class ShutdownReason
{
    private string? _reason;

    public string Reason => Volatile.Read(ref _reason) ?? "the host is stopping";

    public void Record(string reason) => Interlocked.CompareExchange(ref _reason, reason, null);
}
