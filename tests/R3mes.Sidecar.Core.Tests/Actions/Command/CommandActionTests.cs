using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace R3mes.Sidecar.Actions.Command;

public sealed class CommandActionTests : IDisposable
{
    private readonly TestDirectory _directory = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task RunAsync_ChangedFiles_CommandSeesThemOnePerLineWithActionName()
    {
        var changed = _directory.File("changed");
        var action = _directory.File("action");
        var command = Action(["bash", "-c", """printf '%s' "$R3MES_CHANGED" > "$1"; printf '%s' "$R3MES_ACTION" > "$2" """, "bash", changed, action]);

        await command.RunAsync(new ActionRun("backend", ["postgres_user", "postgres password"], 1), CancellationToken.None);

        Assert.Equal("postgres_user\npostgres password", await File.ReadAllTextAsync(changed));
        Assert.Equal("backend", await File.ReadAllTextAsync(action));
    }

    [Fact]
    public async Task RunAsync_Arguments_ReachTheProgramVerbatimWithoutAShell()
    {
        var output = _directory.File("argv");
        var command = Action(["bash", "-c", """printf '%s|' "${@:2}" > "$1" """, "bash", output, "a b", "$HOME", "; touch pwned", "*"]);

        await command.RunAsync(Run, CancellationToken.None);

        Assert.Equal("a b|$HOME|; touch pwned|*|", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task RunAsync_StandardInput_IsEmpty()
    {
        var input = _directory.File("stdin");
        var command = Action(["bash", "-c", """cat > "$1" """, "bash", input]);

        Assert.True(await Eventually.CompletesAsync(command.RunAsync(Run, CancellationToken.None)), "cat waited for input that never ends");

        Assert.Equal("", await File.ReadAllTextAsync(input));
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_FailsWithProgramAndCode()
    {
        var command = Action(["bash", "-c", "exit 3"]);

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => command.RunAsync(Run, CancellationToken.None));

        Assert.Equal("command bash exited with code 3", e.Message);
    }

    [Fact]
    public async Task RunAsync_CommandPrintsSecret_OutputNeverInLogsOrErrors()
    {
        const string Canary = "canary-7f3a9c-do-not-log";
        using var logs = new RecordingLoggerProvider();
        using var loggerFactory = logs.CreateFactory();
        var command = new CommandAction(
            ["bash", "-c", $"echo {Canary}; echo {Canary} >&2; exit 1"],
            TimeSpan.FromSeconds(30),
            _time,
            loggerFactory.CreateLogger<CommandAction>());

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => command.RunAsync(Run, CancellationToken.None));

        Assert.Contains("exited with code 1", logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PastTimeout_KillsTheProcessAndItsChildren()
    {
        var pidFile = _directory.File("pid");
        var childPidFile = _directory.File("child.pid");
        var command = Action(["bash", "-c", """sleep 300 & echo $! > "$1"; echo $$ > "$2"; wait""", "bash", childPidFile, pidFile], TimeSpan.FromSeconds(5));

        var run = command.RunAsync(Run, CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(() => ProcessState.ReadPid(pidFile) is not null && ProcessState.ReadPid(childPidFile) is not null));
        var (pid, childPid) = (ProcessState.ReadPid(pidFile)!.Value, ProcessState.ReadPid(childPidFile)!.Value);
        _time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(run.IsCompleted, "the command was stopped before its timeout");
        _time.Advance(TimeSpan.FromSeconds(1));

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => run);
        Assert.Equal("command bash ran longer than its timeout of 5s and was killed", e.Message);
        Assert.True(await Eventually.TrueAsync(() => !ProcessState.IsAlive(pid) && !ProcessState.IsAlive(childPid)), "a process of the tree survived");
    }

    [Fact]
    public async Task RunAsync_BackgroundChildKeepsOutputOpen_ReturnsWhenCommandExits()
    {
        var childPidFile = _directory.File("child.pid");
        var command = Action(["bash", "-c", """sleep 300 & echo $! > "$1"; exit 0""", "bash", childPidFile]);
        try
        {
            var run = command.RunAsync(Run, CancellationToken.None);

            Assert.True(await Eventually.CompletesAsync(run), "the action waited for the background child's output");
            await run;
        }
        finally
        {
            if (ProcessState.ReadPid(childPidFile) is { } pid)
            {
                Posix.Signals.Send(pid, Posix.Signals.Kill);
            }
        }
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsTheProcessAndRethrows()
    {
        var pidFile = _directory.File("pid");
        var command = Action(["bash", "-c", """echo $$ > "$1"; sleep 300 & wait""", "bash", pidFile]);
        using var cancellation = new CancellationTokenSource();

        var run = command.RunAsync(Run, cancellation.Token);
        Assert.True(await Eventually.TrueAsync(() => ProcessState.ReadPid(pidFile) is not null));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(await Eventually.TrueAsync(() => !ProcessState.IsAlive(ProcessState.ReadPid(pidFile)!.Value)));
    }

    [Fact]
    public async Task RunAsync_NoSuchProgram_FailsSayingItCouldNotStart()
    {
        var command = Action(["r3mes-no-such-program"]);

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => command.RunAsync(Run, CancellationToken.None));

        Assert.StartsWith("command r3mes-no-such-program could not start", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Description_ShowsProgramAndArgumentCountNotArguments()
    {
        var command = Action(["curl", "-H", "Authorization: Bearer t0ken", "http://127.0.0.1/reload"]);

        Assert.Equal("command curl with 3 arguments, timeout 30s", command.Description);
    }

    private static ActionRun Run => new("nginx", ["ssl_certificate"], 1);

    private CommandAction Action(string[] argv, TimeSpan? timeout = null) =>
        new(argv, timeout ?? TimeSpan.FromSeconds(30), _time, NullLogger<CommandAction>.Instance);
}
