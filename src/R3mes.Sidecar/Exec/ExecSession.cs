using System.Runtime.InteropServices;
using R3mes.Sidecar.Cli;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Exec;

/// <summary>
/// <c>exec</c> after the first render: start the child, start the refresh loops, forward SIGTERM/SIGINT/SIGQUIT
/// to the child, and exit with the child's code once it is gone.
/// </summary>
internal sealed class ExecSession(ChildProcess child, IHost host, FatalFailure fatal, IHostApplicationLifetime lifetime, Hosting.ShutdownReason reason)
{
    public async Task<int> RunAsync()
    {
        try
        {
            child.Start();
        }
        catch (ChildStartException e)
        {
            throw new CommandFailedException(ExitCodes.Failure, e.Message);
        }

        using var term = Forward(child, PosixSignal.SIGTERM, Signals.Terminate);
        using var interrupt = Forward(child, PosixSignal.SIGINT, Signals.Interrupt);
        using var quit = Forward(child, PosixSignal.SIGQUIT, 3);
        // A secret loop that died stops the host: then the child goes too (SIGTERM, SIGKILL after kill_timeout).
        using var stopping = lifetime.ApplicationStopping.Register(() =>
        {
            if (fatal.Message is not null)
            {
                child.Forward(Signals.Terminate);
            }
        });
        await host.StartAsync().ConfigureAwait(false);
        var code = await child.Exited.ConfigureAwait(false);
        reason.Record($"the child exited with code {code}");
        await host.StopAsync().ConfigureAwait(false);
        return code;
    }

    private static PosixSignalRegistration Forward(ChildProcess child, PosixSignal signal, int number) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            child.Forward(number);
        });
}
