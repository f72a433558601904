using System.ComponentModel;
using System.Diagnostics;
using R3mes.Sidecar.Actions;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Exec;

/// <summary>
/// The program <c>exec</c> supervises. As an action it reloads (signal) or restarts the child on change; it
/// forwards termination signals and escalates to SIGKILL after the kill timeout. <see cref="Exited"/> completes
/// with the child's exit code when it ends on its own or after being told to stop — not during a restart.
/// </summary>
internal sealed partial class ChildProcess(string[] argv, ExecSpec spec, TimeProvider time, ILogger<ChildProcess> logger) : IReloadAction, IDisposable
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Process? _process;
    private bool _restarting;
    private ITimer? _killTimer;

    public string Description => $"{spec.OnChange.ToString().ToLowerInvariant()} child {argv[0]}" +
        (spec.OnChange == ChildChangePolicy.Reload ? $" with {Signals.Name(spec.Signal)}" : "");

    public Task<int> Exited => _exited.Task;

    public int? Pid => _process?.Id;

    public void Start()
    {
        var info = new ProcessStartInfo(argv[0]) { UseShellExecute = false };
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            throw new ChildStartException($"cannot start {argv[0]}: {e.Message}; check the command after 'exec --'");
        }

        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => OnExited(process);
        lock (_gate)
        {
            _process = process;
        }

        LogStarted(logger, argv[0], process.Id);
        if (process.HasExited)
        {
            OnExited(process);
        }
    }

    public async Task RunAsync(ActionRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        switch (spec.OnChange)
        {
            case ChildChangePolicy.Reload when _process is { } process:
                Signals.Send(process.Id, spec.Signal);
                LogSignalled(logger, Signals.Name(spec.Signal), process.Id);
                break;
            case ChildChangePolicy.Restart:
                await RestartAsync(cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Passes a termination signal on; if the child outlives the kill timeout it gets SIGKILL.</summary>
    public void Forward(int signal)
    {
        var process = _process;
        if (process is null || process.HasExited)
        {
            return;
        }

        LogForwarded(logger, Signals.Name(signal), process.Id);
        Signals.Send(process.Id, signal);
        _killTimer ??= time.CreateTimer(_ => Kill(process), null, spec.KillTimeout, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        _killTimer?.Dispose();
        _process?.Dispose();
    }

    private async Task RestartAsync(CancellationToken cancellationToken)
    {
        var process = _process;
        if (process is not null && !process.HasExited)
        {
            lock (_gate)
            {
                _restarting = true;
            }

            Signals.Send(process.Id, Signals.Terminate);
            using var timeout = new CancellationTokenSource(spec.KillTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            try
            {
                await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                Kill(process);
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }

            process.Dispose();
        }

        Start();
        lock (_gate)
        {
            _restarting = false;
        }
    }

    private void OnExited(Process process)
    {
        lock (_gate)
        {
            if (_restarting || !ReferenceEquals(process, _process))
            {
                return;
            }
        }

        var code = process.ExitCode;
        LogExited(logger, process.Id, code);
        _exited.TrySetResult(code);
    }

    private void Kill(Process process)
    {
        if (!process.HasExited)
        {
            LogKilled(logger, process.Id, spec.KillTimeout.TotalSeconds);
            Signals.Send(process.Id, Signals.Kill);
        }
    }
}
