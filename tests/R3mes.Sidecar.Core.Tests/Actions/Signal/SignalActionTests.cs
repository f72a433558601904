using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Actions.Signal;

public sealed class SignalActionTests : IDisposable
{
    private static readonly ActionRun Run = new("backend", ["jwt_secret"], 1);
    private readonly TestDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RunAsync_PidFileOfRunningChild_ChildReceivesSignal()
    {
        using var child = await ChildScript.StartAsync(_directory);
        var action = Action(new PidFileTarget(child.PidFile));

        await action.RunAsync(Run, CancellationToken.None);

        Assert.True(await Eventually.TrueAsync(() => child.Hangups == 1), "the child did not record a SIGHUP");
    }

    [Fact]
    public async Task RunAsync_EveryRun_ReadsThePidFileAgain()
    {
        using var first = await ChildScript.StartAsync(_directory);
        var pidFile = _directory.File("app.pid");
        var action = Action(new PidFileTarget(pidFile));
        await File.WriteAllTextAsync(pidFile, $"{first.Pid}\n");
        await action.RunAsync(Run, CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(() => first.Hangups == 1));

        using var secondDirectory = new TestDirectory();
        using var second = await ChildScript.StartAsync(secondDirectory);
        await File.WriteAllTextAsync(pidFile, $"  {second.Pid}  ");
        await action.RunAsync(Run, CancellationToken.None);

        Assert.True(await Eventually.TrueAsync(() => second.Hangups == 1), "the second process was not signalled");
        Assert.Equal(1, first.Hangups);
    }

    [Fact]
    public async Task RunAsync_ArgvZeroNameInRealProc_ChildReceivesSignal()
    {
        var name = "r3mes-probe-" + Guid.NewGuid().ToString("N")[..8];
        using var child = await ChildScript.StartAsync(_directory, name);
        var action = Action(new ProcessNameTarget(name, "/proc"));

        await action.RunAsync(Run, CancellationToken.None);

        Assert.True(await Eventually.TrueAsync(() => child.Hangups == 1), "the child found by name did not record a SIGHUP");
    }

    [Fact]
    public async Task RunAsync_MissingPidFile_FailsNamingThePidFile()
    {
        var pidFile = _directory.File("missing.pid");

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => Action(new PidFileTarget(pidFile)).RunAsync(Run, CancellationToken.None));

        Assert.Equal($"pidfile {pidFile} does not exist: start the process, or fix process.pidfile", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-pid")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("12 34")]
    [InlineData("99999999999999999999")]
    [InlineData("s3cr3t-canary-value-that-is-long-enough-to-be-cut")]
    public async Task RunAsync_PidFileWithoutPid_FailsWithoutShowingContent(string content)
    {
        var pidFile = _directory.File("bad.pid");
        await File.WriteAllTextAsync(pidFile, content);

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => Action(new PidFileTarget(pidFile)).RunAsync(Run, CancellationToken.None));

        Assert.Equal($"pidfile {pidFile} does not hold a process id: it must contain one positive integer", e.Message);
    }

    [Fact]
    public async Task RunAsync_StalePid_FailsNamingThePid()
    {
        var pid = await ExitedPidAsync();
        var pidFile = _directory.File("stale.pid");
        await File.WriteAllTextAsync(pidFile, $"{pid}");

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => Action(new PidFileTarget(pidFile)).RunAsync(Run, CancellationToken.None));

        Assert.Equal($"no process with pid {pid} is running (the pid in {pidFile})", e.Message);
    }

    [Fact]
    public async Task RunAsync_PidFileHoldsOwnPid_FailsWithoutSignallingTheSidecar()
    {
        var pidFile = _directory.File("self.pid");
        await File.WriteAllTextAsync(pidFile, $"{Environment.ProcessId}");

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => Action(new PidFileTarget(pidFile)).RunAsync(Run, CancellationToken.None));

        Assert.Contains("the sidecar's own pid", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Description_PidFileTarget_NamesSignalAndPidFile()
    {
        var action = Action(new PidFileTarget("/run/app/backend.pid"));

        Assert.Equal("signal SIGHUP to the pid in /run/app/backend.pid", action.Description);
    }

    private static SignalAction Action(ISignalTarget target) => new(Signals.Hangup, target, NullLogger<SignalAction>.Instance);

    private static async Task<int> ExitedPidAsync()
    {
        using var process = System.Diagnostics.Process.Start("true");
        await process.WaitForExitAsync();
        return process.Id;
    }
}
