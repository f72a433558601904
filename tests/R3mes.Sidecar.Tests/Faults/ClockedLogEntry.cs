namespace R3mes.Sidecar.Tests.Faults;

/// <summary>One entry of a <see cref="ClockedLog"/>.</summary>
internal sealed record ClockedLogEntry(DateTimeOffset At, int EventId, string Category, string Message);
