using Microsoft.Extensions.Logging.Abstractions;

namespace R3mes.Sidecar.Actions.Signal;

public sealed class SignalActionFactoryTests
{
    private readonly SignalActionFactory _factory = new(NullLoggerFactory.Instance);

    [Fact]
    public void Create_RelativePidFile_ResolvesAgainstConfigurationDirectory()
    {
        var context = ActionConfig.Context("backend", ("signal", "SIGHUP"), ("process:pidfile", "run/backend.pid"));

        var action = _factory.Create(context);

        Assert.Empty(context.Errors.All);
        Assert.Equal("signal SIGHUP to the pid in /etc/r3mes/run/backend.pid", action!.Description);
    }

    [Theory]
    [InlineData("HUP", "SIGHUP")]
    [InlineData("sigusr1", "SIGUSR1")]
    [InlineData("SIGTERM", "SIGTERM")]
    public void Create_SignalSpellings_AreAccepted(string written, string signal)
    {
        var context = ActionConfig.Context("nginx", ("signal", written), ("process:name", "nginx"));

        var action = _factory.Create(context);

        Assert.Empty(context.Errors.All);
        Assert.Equal($"signal {signal} to processes named nginx", action!.Description);
    }

    [Fact]
    public void Create_UnknownSignal_NamesPathValueAndSuggestion()
    {
        var context = ActionConfig.Context("backend", ("signal", "SIGHUPP"), ("process:pidfile", "/run/app/backend.pid"));

        Assert.Null(_factory.Create(context));

        var error = Assert.Single(context.Errors.All);
        Assert.Equal("actions.backend.signal", error.Path);
        Assert.StartsWith("unknown signal 'SIGHUPP' (did you mean 'SIGHUP'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingProcess_SaysHowToNameIt()
    {
        var context = ActionConfig.Context("backend", ("signal", "SIGHUP"));

        Assert.Null(_factory.Create(context));

        Assert.Equal(
            "actions.backend.process: say which process to signal: process: { pidfile: /run/app/backend.pid } or process: { name: nginx }",
            ActionConfig.Errors(context));
    }

    [Fact]
    public void Create_PidFileAndName_IsAnError()
    {
        var context = ActionConfig.Context("backend", ("signal", "SIGHUP"), ("process:pidfile", "/run/app/backend.pid"), ("process:name", "backend"));

        Assert.Null(_factory.Create(context));

        var error = Assert.Single(context.Errors.All);
        Assert.Equal("actions.backend.process", error.Path);
        Assert.StartsWith("set pidfile or name, not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ProcessIsAString_IsAnError()
    {
        var context = ActionConfig.Context("nginx", ("signal", "SIGHUP"), ("process", "nginx"));

        Assert.Null(_factory.Create(context));

        Assert.StartsWith("actions.nginx.process: 'nginx' is not a mapping", ActionConfig.Errors(context), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/usr/sbin/nginx")]
    [InlineData(" ")]
    public void Create_NameThatIsNotAProcessName_IsAnError(string name)
    {
        var context = ActionConfig.Context("nginx", ("signal", "SIGHUP"), ("process:name", name));

        Assert.Null(_factory.Create(context));

        var error = Assert.Single(context.Errors.All);
        Assert.Equal("actions.nginx.process.name", error.Path);
        Assert.Contains($"'{name}' is not a process name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MisspelledProcessKey_SuggestsTheKnownKey()
    {
        var context = ActionConfig.Context("backend", ("signal", "SIGHUP"), ("process:pidfle", "/run/app/backend.pid"));

        Assert.Null(_factory.Create(context));

        Assert.Contains(
            "actions.backend.process.pidfle: unknown key 'pidfle' (did you mean 'pidfile'? known: name, pidfile)",
            ActionConfig.Errors(context),
            StringComparison.Ordinal);
    }
}
