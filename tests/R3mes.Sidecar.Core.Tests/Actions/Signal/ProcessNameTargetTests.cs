using System.Globalization;

namespace R3mes.Sidecar.Actions.Signal;

public sealed class ProcessNameTargetTests : IDisposable
{
    private readonly TestDirectory _proc = new();

    public void Dispose() => _proc.Dispose();

    [Fact]
    public void Find_CommEqualsName_ReturnsThatPid()
    {
        AddProcess(101, "nginx\n", "nginx: master process nginx -g daemon off;\0");
        AddProcess(102, "nginx\n", "nginx: worker process\0");
        AddProcess(103, "bash\n", "bash\0");

        var pids = new ProcessNameTarget("nginx", _proc.Path).Find();

        Assert.Equal([101, 102], pids.Order());
    }

    [Fact]
    public void Find_ArgvZeroFileNameEqualsName_ReturnsThatPid()
    {
        AddProcess(201, "remesd-worker-1\n", "/usr/local/bin/remesd-worker-long-name\0start\0--home\0/data\0");
        AddProcess(202, "remesd\n", "remesd\0");

        var pids = new ProcessNameTarget("remesd-worker-long-name", _proc.Path).Find();

        Assert.Equal([201], pids);
    }

    [Theory]
    [InlineData("ngin")]
    [InlineData("nginx2")]
    [InlineData("NGINX")]
    [InlineData("sbin/nginx")]
    public void Find_NameOnlySimilar_DoesNotMatch(string name)
    {
        AddProcess(301, "nginx\n", "/usr/sbin/nginx\0");

        var e = Assert.Throws<ActionFailedException>(() => new ProcessNameTarget(name, _proc.Path).Find());

        Assert.StartsWith($"no process named {name} is running", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_OwnPidHasTheName_IsNeverReturned()
    {
        AddProcess(Environment.ProcessId, "nginx\n", "nginx\0");
        AddProcess(401, "nginx\n", "nginx\0");

        var pids = new ProcessNameTarget("nginx", _proc.Path).Find();

        Assert.Equal([401], pids);
    }

    [Fact]
    public void Find_EntriesThatAreNotProcesses_AreSkipped()
    {
        Directory.CreateDirectory(_proc.File("self"));
        File.WriteAllText(_proc.File("self/comm"), "nginx\n");
        Directory.CreateDirectory(_proc.File("501"));
        AddProcess(502, "nginx\n", "");

        var pids = new ProcessNameTarget("nginx", _proc.Path).Find();

        Assert.Equal([502], pids);
    }

    [Fact]
    public void Find_NoSuchProcRoot_FailsNamingIt()
    {
        var root = _proc.File("missing");

        var e = Assert.Throws<ActionFailedException>(() => new ProcessNameTarget("nginx", root).Find());

        Assert.StartsWith($"cannot list processes in {root}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Find_RealProcWithUniqueArgvZero_ReturnsOnlyTheChild()
    {
        using var directory = new TestDirectory();
        var name = "r3mes-probe-" + Guid.NewGuid().ToString("N")[..8];
        using var child = await ChildScript.StartAsync(directory, name);

        var pids = new ProcessNameTarget(name, "/proc").Find();

        Assert.Equal([child.Pid], pids);
    }

    [Fact]
    public async Task Find_FakeProcPointingAtRealChild_SignalReachesIt()
    {
        using var directory = new TestDirectory();
        using var child = await ChildScript.StartAsync(directory);
        AddProcess(child.Pid, "backend\n", "/app/backend\0");
        var action = new SignalAction(Posix.Signals.Hangup, new ProcessNameTarget("backend", _proc.Path), Microsoft.Extensions.Logging.Abstractions.NullLogger<SignalAction>.Instance);

        await action.RunAsync(new ActionRun("backend", [], 1), CancellationToken.None);

        Assert.True(await Eventually.TrueAsync(() => child.Hangups == 1), "the child matched by comm did not record a SIGHUP");
    }

    private void AddProcess(int pid, string comm, string cmdline)
    {
        var directory = _proc.File(pid.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "comm"), comm);
        File.WriteAllText(Path.Combine(directory, "cmdline"), cmdline);
    }
}
