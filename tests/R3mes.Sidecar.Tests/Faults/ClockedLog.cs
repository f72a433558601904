using Microsoft.Extensions.Logging;
namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// A logger provider that keeps every entry with the time the injected clock showed when it was logged: on a fake
/// clock, the time of each failed attempt (a backoff measured, not the delay the sidecar says it will wait).
/// </summary>
internal sealed class ClockedLog(TimeProvider clock) : ILoggerProvider
{
    private readonly Lock _gate = new();
    private readonly List<ClockedLogEntry> _entries = [];

    public IReadOnlyList<ClockedLogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>When each entry with <paramref name="eventId"/> was logged, in order.</summary>
    public IReadOnlyList<DateTimeOffset> Times(int eventId) => [.. Entries.Where(e => e.EventId == eventId).Select(e => e.At)];

    public string Describe(DateTimeOffset since) =>
        string.Join('\n', Entries.Select(e => $"+{(e.At - since).TotalSeconds:0.###}s [{e.EventId}] {e.Category}: {e.Message}"));

    public ILogger CreateLogger(string categoryName) => new ClockedLogger(this, categoryName);

    public void Dispose()
    {
    }

    internal void Add(int eventId, string category, string message)
    {
        lock (_gate)
        {
            _entries.Add(new ClockedLogEntry(clock.GetUtcNow(), eventId, category, message));
        }
    }
}
