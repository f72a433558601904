using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Actions.Signal;

/// <summary>
/// Sends a signal (kill(2)) to every process the target finds at run time, e.g. SIGHUP to the pid in
/// <c>/run/app/backend.pid</c>. Fails when no process was signalled, or when a process could not be signalled
/// (usually a different user: run the sidecar as the consumer's user).
/// </summary>
internal sealed class SignalAction(int signal, ISignalTarget target, ILogger<SignalAction> logger) : IReloadAction
{
    public string Description => $"signal {Signals.Name(signal)} to {target.Description}";

    public Task RunAsync(ActionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        try
        {
            Send(run.ActionName);
            return Task.CompletedTask;
        }
        catch (ActionFailedException e)
        {
            return Task.FromException(e);
        }
    }

    private void Send(string action)
    {
        var pids = target.Find();
        var delivered = 0;
        var refused = new List<string>();
        foreach (var pid in pids)
        {
            try
            {
                if (Signals.Send(pid, signal))
                {
                    delivered++;
                    logger.SignalSent(action, Signals.Name(signal), pid);
                }
            }
            catch (PosixException e)
            {
                refused.Add(e.Message);
            }
        }

        if (refused.Count > 0)
        {
            throw new ActionFailedException($"cannot send {Signals.Name(signal)} to {target.Description}: {string.Join("; ", refused)}");
        }

        if (delivered == 0)
        {
            throw new ActionFailedException($"no process with pid {string.Join(", ", pids)} is running ({target.Description})");
        }
    }
}
