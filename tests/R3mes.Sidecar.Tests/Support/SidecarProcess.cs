using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// One run of the real <c>r3mes-sidecar</c> binary. Standard output and error are captured line by line, thread-safely,
/// each on its own and both together in one <see cref="Transcript"/> (the order the lines arrived in). Dispose kills
/// the process and its children, then runs the <see cref="CanaryHarness"/>: a secret value in any output fails the test.
/// </summary>
internal sealed class SidecarProcess : IDisposable
{
    public static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _transcript = new();

    private readonly CanaryHarness _harness;
    private bool _leaksExpected;

    private SidecarProcess(Process process, CanaryHarness harness)
    {
        _process = process;
        _harness = harness;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    /// <summary>Standard output and error interleaved as they arrived.</summary>
    public string Transcript => Read(_transcript);

    /// <summary>
    /// Starts the binary with <paramref name="args"/>. The test's own <c>R3MES_SIDECAR_*</c> variables are removed so
    /// only <paramref name="environment"/> configures it; a null value there removes a variable.
    /// </summary>
    /// <param name="launcher">Runs the binary when given (e.g. <c>prlimit --nofile=400:400</c>); it must exec it, keeping the pid.</param>
    public static SidecarProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null, IReadOnlyList<string>? launcher = null) =>
        launcher is null
            ? Start(SidecarBinary.Path, [], args, environment, workingDirectory)
            : Start(launcher[0], [.. launcher.Skip(1), SidecarBinary.Path], args, environment, workingDirectory);

    /// <summary>Starts the binary as another user (uid and gid <paramref name="id"/>, no groups) through util-linux's setpriv.</summary>
    public static SidecarProcess StartAs(uint id, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null) =>
        Start("setpriv", [$"--reuid={id}", $"--regid={id}", "--clear-groups", "--", SidecarBinary.Path], args, environment, null);

    private static SidecarProcess Start(string program, string[] prefix, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, string? workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(args);
        var arguments = args.ToArray();
        var harness = CanaryHarness.For(arguments, environment, workingDirectory);
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var arg in prefix.Concat(arguments))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("R3MES_SIDECAR", StringComparison.Ordinal)).ToArray())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in harness.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var sidecar = new SidecarProcess(process, harness);
        process.OutputDataReceived += (_, e) => sidecar.Append(sidecar._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => sidecar.Append(sidecar._stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return sidecar;
    }

    /// <summary>Runs a command to its end, e.g. <c>check</c> or <c>once</c>, and returns the finished process.</summary>
    public static async Task<SidecarProcess> RunAsync(params string[] args)
    {
        var process = Start(args);
        await process.WaitForExitAsync(ExitTimeout);
        return process;
    }

    public void Signal(int signal) => Unix.Signal(Id, signal);

    /// <summary>Waits for the exit and all output; on timeout kills the process and fails the test with the transcript.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout, TimeProvider.System);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"r3mes-sidecar (pid {Id}) did not exit within {timeout.TotalSeconds:0.#}s; transcript:\n{Transcript}");
        }

        return _process.ExitCode;
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits until the transcript holds <paramref name="text"/> (at or after the character offset <paramref name="from"/>).</summary>
    public Task WaitForOutputAsync(string text, TimeSpan? timeout = null, int from = 0) =>
        Eventually.Until(
            () => Transcript.IndexOf(text, from, StringComparison.Ordinal) >= 0,
            timeout ?? Eventually.DefaultTimeout,
            () => $"r3mes-sidecar never printed '{text}'; transcript:\n{Transcript}");

    /// <summary>How many lines of the transcript contain <paramref name="text"/>.</summary>
    public int CountLines(string text) =>
        Transcript.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>Where the canary harness finds a secret value now (the endpoints and children too while it runs); never the values.</summary>
    public IReadOnlyList<string> Leaks()
    {
        if (!_process.HasExited)
        {
            _harness.CaptureLive(Id);
        }

        return _harness.Leaks(Stdout, Stderr);
    }

    /// <summary>For the harness's own tests: a leak this process shows is the expected outcome, not a failure.</summary>
    public void ExpectLeaks() => _leaksExpected = true;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _harness.CaptureLive(Id);
        }

        Kill();
        var leaks = _harness.Leaks(Stdout, Stderr);
        var id = Id;
        _process.Dispose();
        if (leaks.Count > 0 && !_leaksExpected)
        {
            Assert.Fail($"the canary harness found secret values in r3mes-sidecar's output (pid {id}):\n{string.Join('\n', leaks)}");
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }
    }

    private void Append(StringBuilder stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            stream.Append(line).Append('\n');
            _transcript.Append(line).Append('\n');
        }
    }

    private string Read(StringBuilder builder)
    {
        lock (_gate)
        {
            return builder.ToString();
        }
    }
}
