using Microsoft.Extensions.Logging;
namespace R3mes.Sidecar.Tests.Faults;

/// <summary>The logger a <see cref="ClockedLog"/> hands out: every level, recorded with the fake clock's time.</summary>
internal sealed class ClockedLogger(ClockedLog log, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        log.Add(eventId.Id, category, formatter(state, exception));
    }
}
