using Microsoft.Extensions.DependencyInjection;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Actions.Http;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Actions;

public sealed class ReloadActionRegistrationTests
{
    [Fact]
    public void AddSidecarCore_ActionAddedAgain_RegistersEachKindOnce()
    {
        using var services = new ServiceCollection().AddSidecarCore().AddAction<HttpActionFactory>().Services.BuildServiceProvider();

        var kinds = services.GetServices<IReloadActionFactory>().Select(f => f.Kind).Order(StringComparer.Ordinal);

        Assert.Equal(["command", "http", "signal"], kinds);
    }

    [Fact]
    public void Read_SpecExampleActions_MakesEveryAction()
    {
        using var services = new ServiceCollection().AddSidecarCore().Services.BuildServiceProvider();
        var configuration = ActionConfig.Configuration(
            ("actions:backend:signal", "SIGHUP"),
            ("actions:backend:process:pidfile", "/run/app/backend.pid"),
            ("actions:nginx:command:0", "nginx"),
            ("actions:nginx:command:1", "-s"),
            ("actions:nginx:command:2", "reload"),
            ("actions:nginx:timeout", "30s"),
            ("actions:nginx:wait:min", "1s"),
            ("actions:grafana:http:url", "http://127.0.0.1:3000/api/admin/provisioning/datasources/reload"),
            ("actions:grafana:http:method", "POST"));
        var errors = new ConfigErrors();

        var specs = new ActionSpecReader(services.GetServices<IReloadActionFactory>()).Read(configuration.GetSection("actions"), "/etc/r3mes", errors);

        Assert.Empty(errors.All);
        Assert.Equal("signal SIGHUP to the pid in /run/app/backend.pid", specs["backend"].Action.Description);
        Assert.Equal("command nginx with 2 arguments, timeout 30s", specs["nginx"].Action.Description);
        Assert.Equal("http POST http://127.0.0.1:3000/api/admin/provisioning/datasources/reload, timeout 10s", specs["grafana"].Action.Description);
    }

    [Fact]
    public void Read_TimeoutOnSignalAction_IsAnUnknownKey()
    {
        using var services = new ServiceCollection().AddSidecarCore().Services.BuildServiceProvider();
        var configuration = ActionConfig.Configuration(
            ("actions:backend:signal", "SIGHUP"),
            ("actions:backend:process:name", "backend"),
            ("actions:backend:timeout", "5s"));
        var errors = new ConfigErrors();

        new ActionSpecReader(services.GetServices<IReloadActionFactory>()).Read(configuration.GetSection("actions"), "/etc/r3mes", errors);

        Assert.StartsWith("actions.backend.timeout: unknown key 'timeout'", Assert.Single(errors.All).ToString(), StringComparison.Ordinal);
    }
}
