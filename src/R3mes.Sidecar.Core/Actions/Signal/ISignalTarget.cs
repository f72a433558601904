namespace R3mes.Sidecar.Actions.Signal;

/// <summary>Which processes a signal action signals, looked up afresh at every run.</summary>
internal interface ISignalTarget
{
    /// <summary>For descriptions and messages, e.g. <c>the pid in /run/app/backend.pid</c>.</summary>
    string Description { get; }

    /// <summary>The pids to signal now; at least one. Throws <see cref="ActionFailedException"/> when there are none.</summary>
    IReadOnlyList<int> Find();
}
