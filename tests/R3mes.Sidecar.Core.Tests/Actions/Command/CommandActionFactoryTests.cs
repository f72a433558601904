using Microsoft.Extensions.Logging.Abstractions;

namespace R3mes.Sidecar.Actions.Command;

public sealed class CommandActionFactoryTests
{
    private readonly CommandActionFactory _factory = new(TimeProvider.System, NullLoggerFactory.Instance);

    [Fact]
    public void Create_ListWithoutTimeout_DefaultsTo30Seconds()
    {
        var context = ActionConfig.Context("nginx", ("command:0", "nginx"), ("command:1", "-s"), ("command:2", "reload"));

        var action = _factory.Create(context);

        Assert.Empty(context.Errors.All);
        Assert.Equal("command nginx with 2 arguments, timeout 30s", action!.Description);
    }

    [Fact]
    public void Create_TimeoutAndRelativeProgramPath_AreRead()
    {
        var context = ActionConfig.Context("app", ("command:0", "./bin/reload.sh"), ("timeout", "90s"));

        var action = _factory.Create(context);

        Assert.Empty(context.Errors.All);
        Assert.Equal("command /etc/r3mes/bin/reload.sh with 0 arguments, timeout 90s", action!.Description);
    }

    [Fact]
    public void Create_ShellString_IsRefusedWithTheListForm()
    {
        var context = ActionConfig.Context("nginx", ("command", "nginx -s reload"));

        Assert.Null(_factory.Create(context));

        Assert.Equal(
            "actions.nginx.command: must be a list of program and arguments, not the string 'nginx -s reload' (no shell runs it): e.g. command: [nginx, -s, reload]",
            ActionConfig.Errors(context));
    }

    [Fact]
    public void Create_Mapping_IsRefusedWithTheListForm()
    {
        var context = ActionConfig.Context("nginx", ("command:program", "nginx"));

        Assert.Null(_factory.Create(context));

        Assert.Equal(
            "actions.nginx.command: must be a list of program and arguments, e.g. command: [nginx, -s, reload]",
            ActionConfig.Errors(context));
    }

    [Fact]
    public void Create_EmptyProgram_IsAnError()
    {
        var context = ActionConfig.Context("nginx", ("command:0", ""), ("command:1", "reload"));

        Assert.Null(_factory.Create(context));

        Assert.StartsWith("actions.nginx.command[0]: the first item must name the program", ActionConfig.Errors(context), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("soon", "actions.nginx.timeout: 'soon' is not a duration")]
    [InlineData("0s", "actions.nginx.timeout: '0s' is too short")]
    public void Create_BadTimeout_NamesPathAndValue(string timeout, string expected)
    {
        var context = ActionConfig.Context("nginx", ("command:0", "nginx"), ("timeout", timeout));

        _factory.Create(context);

        Assert.StartsWith(expected, ActionConfig.Errors(context), StringComparison.Ordinal);
    }
}
