namespace R3mes.Sidecar.Actions;

/// <summary>One run of an action: the names (never contents) of the files that changed since the last run.</summary>
public sealed record ActionRun(string ActionName, IReadOnlyList<string> ChangedFiles, int Attempt);
