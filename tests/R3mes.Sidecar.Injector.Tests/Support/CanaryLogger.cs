using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Injector.Tests.Support;

/// <summary>The logger an <see cref="AdmissionCanary"/> hands the injector: every level, message and exception kept for the search.</summary>
internal sealed class CanaryLogger(AdmissionCanary canary, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        canary.Log($"{logLevel} {category}[{eventId.Id}]: {formatter(state, exception)}{(exception is null ? "" : "\n" + exception)}");
    }
}
