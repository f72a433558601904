using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Actions.Command;

/// <summary>
/// Runs a program with its arguments directly (no shell) and waits for it to exit. The program inherits the
/// sidecar's environment plus <c>R3MES_ACTION</c> (the action's name) and <c>R3MES_CHANGED</c>: the names of the
/// changed files, one per line. A file name cannot hold a line break, so the list is unambiguous, and
/// <c>for f in $R3MES_CHANGED</c> works in a shell for names without spaces. Standard input is empty; standard
/// output and error are read and thrown away, never logged, because a command may print a secret. Exit code 0 is
/// success; another code, or running past the timeout (the process and its children are then killed), fails.
/// </summary>
/// <param name="argv">The program (a path, or a name looked up in PATH) and its arguments.</param>
internal sealed class CommandAction(IReadOnlyList<string> argv, TimeSpan timeout, TimeProvider timeProvider, ILogger<CommandAction> logger) : IReloadAction
{
    public const string ChangedVariable = "R3MES_CHANGED";
    public const string ActionVariable = "R3MES_ACTION";

    private string Program => argv[0];

    /// <summary>The program and how many arguments, not the arguments themselves: they may carry a token.</summary>
    public string Description =>
        $"command {Program} with {argv.Count - 1} argument{(argv.Count == 2 ? "" : "s")}, timeout {Duration.Format(timeout)}";

    public async Task RunAsync(ActionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var deadline = new CancellationTokenSource(timeout, timeProvider);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var started = timeProvider.GetTimestamp();
        using var process = Start(run);
        using var discarding = new CancellationTokenSource();
        var output = Task.WhenAll(
            DiscardAsync(process.StandardOutput.BaseStream, discarding.Token),
            DiscardAsync(process.StandardError.BaseStream, discarding.Token));
        try
        {
            await process.WaitForExitAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            logger.CommandKilled(run.ActionName, Program, Duration.Format(timeout));
            throw new ActionFailedException($"command {Program} ran longer than its timeout of {Duration.Format(timeout)} and was killed");
        }
        finally
        {
            // A child it left running in the background may hold the pipes open: stop reading, do not wait for it.
            await discarding.CancelAsync().ConfigureAwait(false);
            await output.ConfigureAwait(false);
        }

        var elapsed = (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
        logger.CommandExited(run.ActionName, Program, process.ExitCode, elapsed);
        if (process.ExitCode != 0)
        {
            throw new ActionFailedException($"command {Program} exited with code {process.ExitCode}");
        }
    }

    private Process Start(ActionRun run)
    {
        var start = new ProcessStartInfo(Program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in argv.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[ChangedVariable] = string.Join('\n', run.ChangedFiles);
        start.Environment[ActionVariable] = run.ActionName;
        try
        {
            var process = Process.Start(start) ?? throw new ActionFailedException($"command {Program} could not start");
            process.StandardInput.Close();
            return process;
        }
        catch (Win32Exception e)
        {
            throw new ActionFailedException($"command {Program} could not start: {e.Message}", e);
        }
    }

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // It exited by itself in the meantime.
        }
    }

    private static async Task DiscardAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            await stream.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Nothing to keep: output is discarded by design.
        }
    }
}
