namespace R3mes.Sidecar.Core.Tests.Plan;

/// <summary>Invalid top-level, output, action and exec settings, and many errors reported at once.</summary>
public sealed class SidecarPlanBuilderErrorTests : IDisposable
{
    private const string Secret = "secrets: [ { name: jwt, source: { file: docker/secrets }, files: { jwt_secret: {} } } ]\n";
    private const string Known = "known: actions, exec, listen, log, output, retry_budget, secrets, state_dir";
    private readonly PlanFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Build_UnknownTopLevelKey_DidYouMean() =>
        Assert.Equal([$"outptu: unknown key 'outptu' (did you mean 'output'? {Known})"], _fixture.Errors(Secret + "outptu: { dir: /x }"));

    [Fact]
    public void Build_UnknownTopLevelKeyFarFromAny_ListsKnown() =>
        Assert.Equal([$"vault: unknown key 'vault' ({Known})"], _fixture.Errors(Secret + "vault: { address: https://vault:8200 }"));

    [Theory]
    [InlineData("require_tmpf", "unknown key 'require_tmpf' (did you mean 'require_tmpfs'? known: dir, gid, mode, require_tmpfs, uid)")]
    [InlineData("directory", "unknown key 'directory' (known: dir, gid, mode, require_tmpfs, uid)")]
    public void Build_UnknownOutputKey_PathAndKnownKeys(string key, string message) =>
        Assert.Equal([$"output.{key}: {message}"], _fixture.Errors(Secret + $"output: {{ {key}: x }}"));

    [Fact]
    public void Build_WorldWritableOutputMode_Refused() =>
        Assert.Equal(
            ["output.mode: '0666' is not allowed: use permission bits only (at most 0777), owner-readable, never world-writable, e.g. \"0600\""],
            _fixture.Errors(Secret + "output: { mode: \"0666\" }"));

    [Fact]
    public void Build_OutputUidNotANumber_PathNamed()
    {
        var error = Assert.Single(_fixture.Errors(Secret + "output: { uid: nobody }"));

        Assert.StartsWith("output: ", error, StringComparison.Ordinal);
        Assert.Contains("nobody", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoSecrets_SaysAddOne() =>
        Assert.Equal(["secrets: no secrets configured: add at least one entry with name, source and files"], _fixture.Errors("output: { dir: /x }"));

    [Theory]
    [InlineData("listen: nope", "listen: 'nope' is not host:port: e.g. listen: 127.0.0.1:8099")]
    [InlineData("retry_budget: soon", "retry_budget: 'soon' is not a duration: write a number with a unit, e.g. 500ms, 90s, 5m, 1h, 1h30m, 2d")]
    [InlineData("exec: { on_change: reboot }", "exec.on_change: 'reboot' is not a policy (known: reload, restart, none)")]
    [InlineData("exec: { on_change: \"2\" }", "exec.on_change: '2' is not a policy (known: reload, restart, none)")]
    [InlineData("exec: { kill_timeout: 10 }", "exec.kill_timeout: '10' is not a duration: write a number with a unit, e.g. 500ms, 90s, 5m, 1h, 1h30m, 2d")]
    public void Build_BadTopLevelValue_PathValueAndFix(string yaml, string expected) =>
        Assert.Equal([expected], _fixture.Errors(Secret + yaml));

    [Fact]
    public void Build_UnknownSignal_ListsKnown() =>
        Assert.StartsWith("exec.signal: unknown signal 'SIGFOO' (known: SIGHUP, ", Assert.Single(_fixture.Errors(Secret + "exec: { signal: SIGFOO }")), StringComparison.Ordinal);

    [Theory]
    [InlineData("{ pidfile: /x }", "actions.backend: name exactly one action kind (known: command, signal)")]
    [InlineData("{ signal: SIGHUP, command: [x] }", "actions.backend: more than one action kind (command, signal): split it into two actions")]
    [InlineData("{ signal: SIGHUP, proces: {} }", "actions.backend.proces: unknown key 'proces' (did you mean 'process'? known: on_first_render, process, signal, wait)")]
    [InlineData("{ signal: invalid }", "actions.backend.signal: fake factory refuses 'invalid'")]
    [InlineData("{ signal: SIGHUP, wait: { min: 5s, max: 1s } }", "actions.backend.wait.max: max (1s) is shorter than min (5s)")]
    [InlineData("{ signal: SIGHUP, wait: { min: x } }", "actions.backend.wait.min: 'x' is not a duration: write a number with a unit, e.g. 500ms, 90s, 5m, 1h, 1h30m, 2d")]
    [InlineData("{ signal: SIGHUP, on_first_render: sometimes }", "actions.backend.on_first_render: 'sometimes' is not true or false: on_first_render: true also runs the action when this start creates the files (the consumer may not exist yet)")]
    public void Build_BadAction_PathAndFix(string action, string expected) =>
        Assert.Equal([expected], _fixture.Errors(Secret + $"actions: {{ backend: {action} }}"));

    [Fact]
    public void Build_BadActionName_Refused() =>
        Assert.Equal(["actions[\"bad name\"]: 'bad name' is not an action name (letters, digits, '_', '-')"], _fixture.Errors(Secret + "actions: { \"bad name\": { signal: SIGHUP } }"));

    [Fact]
    public void Build_ManyProblems_AllReported()
    {
        var errors = _fixture.Errors("""
            outptu: { dir: /x }
            output: { mode: abc }
            actions: { nginx-reload: { command: [nginx] } }
            secrets:
              - name: jwt
                source: { file: docker/missing }
                files: { "../x": {}, jwt_secret: "{{ a | upper }}" }
                on_change: [nginx-relaod]
                refresh: 5 minutes
                update: sometimes
              - name: jwt
                source: { env: JWT }
                files: {}
            """);

        string[] expected =
        [
            "outptu: unknown key",
            "output.mode: 'abc' is not an octal file mode",
            "secrets[0].source.file: 'docker/missing' does not exist",
            "secrets[0].files[\"../x\"]: '../x' contains a path separator",
            "secrets[0].files.jwt_secret: bad template: unknown filter 'upper'",
            "secrets[0].on_change[0]: unknown action 'nginx-relaod' (did you mean 'nginx-reload'?",
            "secrets[0].update: 'sometimes' is not an update policy",
            "secrets[0].refresh: '5 minutes' is not a duration",
            "secrets[1].name: 'jwt' is used by another secret",
            "secrets[1].files: list at least one file",
        ];
        Assert.Equal(expected.Length, errors.Length);
        Assert.All(expected, prefix => Assert.Contains(errors, e => e.StartsWith(prefix, StringComparison.Ordinal)));
    }
}
