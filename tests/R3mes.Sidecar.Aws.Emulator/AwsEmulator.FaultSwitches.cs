namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>
/// Fault switches for the fault matrix: a burst of errors that lasts until it is cleared, rather than a counted
/// queue, so a test needs no guess at how many calls the client makes while the fault holds.
/// </summary>
public sealed partial class AwsEmulator
{
    /// <summary>Every request from now on is throttled (400, <c>ThrottlingException</c>) until <see cref="ClearFaults"/>.</summary>
    public void ThrottleUntilCleared() => FailUntilCleared(400, "ThrottlingException");

    /// <summary>Every request from now on gets <paramref name="status"/> and an AWS error of <paramref name="type"/> until <see cref="ClearFaults"/>.</summary>
    public void FailUntilCleared(int status, string type) => FailNext(100_000, status, type);

    /// <summary>Drops every fault still queued: the next request is served normally.</summary>
    public void ClearFaults() => _faults.Clear();
}
