using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Core.Tests.Output;

namespace R3mes.Sidecar.Core.Tests.Plan;

public sealed class SidecarPlanBuilderValidTests : IDisposable
{
    private const string Config = """
        output: { dir: out, mode: "0640", uid: 1000, gid: 1001, require_tmpfs: true }
        state_dir: state
        listen: 127.0.0.1:8099
        retry_budget: 30s
        secrets:
          - name: app
            source: { file: docker/secrets }
            files:
              jwt_secret: {}
              database_url: "postgresql://{{ username | url }}:{{ password | url }}@postgres:5432/r3mes"
              node_key: { key: node, mode: "0400", uid: 1025 }
            on_change: [nginx-reload, backend]
          - name: validator
            source: { file: docker/secrets/node.json, key: priv }
            files: { validator_key: { mode: "0400", uid: 1025, gid: 1025 } }
            update: never
            required: false
            refresh: 1h30m
          - name: redis
            source: { env: REDIS_PASSWORD }
            files: { redis_password: { decode: base64 } }
        actions:
          nginx-reload: { command: [nginx, -s, reload], timeout: 30s }
          backend: { signal: SIGHUP, process: { pidfile: /run/app/backend.pid }, wait: { min: 2s, max: 10s } }
        exec: { on_change: restart, signal: SIGUSR1, kill_timeout: 20s }
        """;

    private readonly PlanFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Build_ValidConfig_OutputAndTopLevelSettings()
    {
        var plan = _fixture.Build(Config);

        Assert.Equal(new OutputSpec(Path.Combine(_fixture.ConfigDirectory, "out"), Octal.Mode("640"), 1000, 1001, true), plan.Output);
        Assert.Equal(Path.Combine(_fixture.ConfigDirectory, "state"), plan.StateDir);
        Assert.Equal("127.0.0.1:8099", plan.Listen?.Text);
        Assert.Equal(8099, plan.Listen?.Port);
        Assert.True(plan.Listen?.IsLoopback);
        Assert.Equal(TimeSpan.FromSeconds(30), plan.RetryBudget);
        Assert.Equal(new ExecSpec(ChildChangePolicy.Restart, 10, TimeSpan.FromSeconds(20)), plan.Exec);
    }

    [Fact]
    public void Build_ValidConfig_FilesWithTemplatesKeysModesAndOwners()
    {
        var app = _fixture.Build(Config).Secrets[0];

        Assert.Equal("app", app.Name);
        Assert.Equal(["database_url", "jwt_secret", "node_key"], app.Files.Select(f => f.Name).Order(StringComparer.Ordinal));
        var byName = app.Files.ToDictionary(f => f.Name);
        var (jwt, url, node) = (byName["jwt_secret"], byName["database_url"], byName["node_key"]);
        Assert.Equal(new FileSpec("jwt_secret", new FileContent(null, null, false), Octal.Mode("640"), 1000, 1001), jwt);
        Assert.Equal(["username", "password"], url.Content.Template!.Fields);
        Assert.Equal("template over username, password", url.Content.Describe());
        Assert.Equal(new FileSpec("node_key", new FileContent(null, "node", false), Octal.Mode("400"), 1025, 1001), node);
        Assert.Equal(["nginx-reload", "backend"], app.OnChange);
        Assert.Equal(UpdatePolicy.Always, app.Update);
        Assert.True(app.Required);
        Assert.Equal(TimeSpan.FromSeconds(1), app.Refresh);
        Assert.Equal($"file {Path.Combine(_fixture.ConfigDirectory, "docker/secrets")}", app.Source.Description);
    }

    [Fact]
    public void Build_ValidConfig_UpdateNeverKeyAndRefresh()
    {
        var validator = _fixture.Build(Config).Secrets[1];

        Assert.Equal("priv", validator.Key);
        Assert.Equal(UpdatePolicy.Never, validator.Update);
        Assert.False(validator.Required);
        Assert.Equal(TimeSpan.FromMinutes(90), validator.Refresh);
        Assert.Equal(new FileSpec("validator_key", new FileContent(null, null, false), Octal.Mode("400"), 1025, 1025), Assert.Single(validator.Files));
    }

    [Fact]
    public void Build_ValidConfig_EnvSourceReadOnceAndDecode()
    {
        var redis = _fixture.Build(Config).Secrets[2];

        Assert.Equal("env REDIS_PASSWORD", redis.Source.Description);
        Assert.Equal(Timeout.InfiniteTimeSpan, redis.Refresh);
        Assert.True(Assert.Single(redis.Files).Content.Base64Decode);
    }

    [Fact]
    public void Build_ValidConfig_ActionsByNameWithDebounce()
    {
        var actions = _fixture.Build(Config).Actions;

        Assert.Equal(["backend", "nginx-reload"], actions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("command nginx-reload", actions["nginx-reload"].Action.Description);
        Assert.Equal(Debounce.Default, actions["nginx-reload"].Wait);
        Assert.Equal(new Debounce(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10)), actions["backend"].Wait);
        Assert.False(actions["backend"].OnFirstRender);
    }

    [Theory]
    [InlineData("on_first_render: true", true)]
    [InlineData("on_first_render: false", false)]
    [InlineData("wait: { min: 1s }", false)]
    public void Build_OnFirstRender_ReadPerAction(string option, bool expected)
    {
        var plan = _fixture.Build($"secrets: [ {{ name: jwt, source: {{ file: docker/secrets }}, files: {{ jwt_secret: {{}} }}, on_change: [app] }} ]\nactions: {{ app: {{ signal: SIGHUP, {option} }} }}");

        Assert.Equal(expected, plan.Actions["app"].OnFirstRender);
    }

    [Fact]
    public void Build_MinimalConfig_Defaults()
    {
        var plan = _fixture.Build("secrets: [ { name: jwt, source: { file: docker/secrets/jwt_secret.txt }, files: { jwt_secret: {} } } ]");

        Assert.Equal(new OutputSpec("/run/secrets", Octal.Mode("600"), null, null, false), plan.Output);
        Assert.Equal(TimeSpan.FromMinutes(2), plan.RetryBudget);
        Assert.Equal(new ExecSpec(ChildChangePolicy.Reload, 1, TimeSpan.FromSeconds(10)), plan.Exec);
        Assert.Null(plan.StateDir);
        Assert.Null(plan.Listen);
        Assert.Empty(plan.Actions);
        var secret = Assert.Single(plan.Secrets);
        Assert.Equal(TimeSpan.FromSeconds(1), secret.Refresh);
        Assert.Equal(UpdatePolicy.Always, secret.Update);
        Assert.Empty(secret.OnChange);
    }
}
