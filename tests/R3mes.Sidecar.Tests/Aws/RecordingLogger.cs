using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>Keeps every formatted log line with its structured arguments, for assertions on what a component logs.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public string Text => string.Join('\n', Lines);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var arguments = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
        lock (_lock)
        {
            _lines.Add($"{logLevel} {eventId.Id} {formatter(state, exception)} [{arguments}] {exception}");
        }
    }
}
