namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// One fault of the matrix: how to start and clear it, the <c>reason</c> label the sidecar must report for it, and
/// whether it means the backend is down (<c>backend_up</c> 0) or is the sidecar's own (a write). A backend that is up but
/// answers "no" (denied, throttled) is neither: <see cref="BackendAnswered"/>.
/// </summary>
internal sealed record Fault(string Reason, bool BackendDown, Func<Task> Inject, Func<Task> Clear)
{
    /// <summary>How many failed refreshes in a row the cell waits for before it checks the promises (2 shows growth).</summary>
    public int Failures { get; init; } = 2;

    /// <summary>The backend answered with a refusal (counted in <c>backend_errors_total</c>, <c>backend_up</c> stays 1).</summary>
    public bool BackendAnswered { get; init; }

    public static Fault Of(string reason, bool backendDown, Action inject, Action clear) =>
        new(reason, backendDown, () => { inject(); return Task.CompletedTask; }, () => { clear(); return Task.CompletedTask; });
}
