namespace R3mes.Sidecar.Exec;

internal sealed partial class ChildProcess
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "started child {Program} as pid {Pid}")]
    private static partial void LogStarted(ILogger logger, string program, int pid);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "sent {Signal} to child pid {Pid} after a change")]
    private static partial void LogSignalled(ILogger logger, string signal, int pid);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "forwarded {Signal} to child pid {Pid}")]
    private static partial void LogForwarded(ILogger logger, string signal, int pid);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "child pid {Pid} exited with code {Code}")]
    private static partial void LogExited(ILogger logger, int pid, int code);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "child pid {Pid} still running {Seconds:0.#}s after being told to stop: sent SIGKILL")]
    private static partial void LogKilled(ILogger logger, int pid, double seconds);
}
