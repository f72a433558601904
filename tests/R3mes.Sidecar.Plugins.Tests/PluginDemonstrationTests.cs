using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Actions.Running;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Plugins.Tests.Actions.Recording;
using R3mes.Sidecar.Plugins.Tests.Auth.Userpass;
using R3mes.Sidecar.Plugins.Tests.Sources.Counter;
using R3mes.Sidecar.Vault;
using R3mes.Sidecar.Vault.Configuration;

namespace R3mes.Sidecar.Plugins.Tests;

/// <summary>
/// Issue 13: a new auth method, a new source and a new action, each one folder (Auth/Userpass, Sources/Counter,
/// Actions/Recording) plus one registration line in <see cref="Services"/>, driven through configuration → plan →
/// (source and action) a refresh that writes the file and runs the action.
/// </summary>
public sealed class PluginDemonstrationTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private readonly string _dir = Directory.CreateTempSubdirectory("r3mes-plugins-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task UserpassAuth_FromConfiguration_BuildsItsLoginRequest()
    {
        File.WriteAllText(Path.Combine(_dir, "password"), "pw-from-file\n");
        using var services = Services(withUserpass: true);

        var plan = Plan(services, """
            vault:
              address: http://127.0.0.1:8200
              auth: { method: userpass, mount: users, username: backend, password_file: password }
            secrets:
              - { name: app, source: { counter: 1 }, files: { value: {} } }
            """);

        var auth = plan.Section<VaultSettings>("vault")!.Auth;
        Assert.Equal(("userpass", "users", "userpass at auth/users as backend"), (auth.Method, auth.Mount, auth.Login.Description));
        var login = await auth.Login.BuildAsync(null!, CancellationToken.None);
        Assert.Equal("auth/users/login/backend", login.ToString());
        Assert.Equal("pw-from-file", Assert.Single(login.Body!, b => b.Key == "password").Value);
    }

    [Fact]
    public void UserpassAuth_MissingKey_IsAnErrorOnItsKeyPath_AndUnregisteredItIsAnUnknownMethod()
    {
        const string Config = """
            vault:
              address: http://127.0.0.1:8200
              auth: { method: userpass, username: backend }
            secrets:
              - { name: app, source: { counter: 1 }, files: { value: {} } }
            """;
        using var registered = Services(withUserpass: true);
        using var unregistered = Services(withUserpass: false);

        var missing = Assert.Throws<ConfigurationException>(() => Plan(registered, Config));
        var unknown = Assert.Throws<ConfigurationException>(() => Plan(unregistered, Config));

        Assert.Equal("vault.auth.password_file: the userpass method needs password_file, e.g. password_file: /vault/password", Assert.Single(missing.Errors).ToString());
        Assert.Equal(
            ["vault.auth.method: unknown auth method 'userpass' (known: approle, cert, jwt, kubernetes, token)",
             "vault.auth.username: unknown key 'username' (known: jwt_file, method, mount, remove_secret_id_file, role, role_id_file, secret_id_file, secret_id_wrapped, token_file)"],
            unknown.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CounterSource_AndRecordingAction_ARefreshWritesTheFileAndRunsTheAction()
    {
        using var services = Services(withUserpass: false);
        Directory.CreateDirectory(Path.Combine(_dir, "out"));
        var plan = Plan(services, """
            output: { dir: out }
            secrets:
              - name: app
                source: { counter: 41 }
                files: { value: {} }
                on_change: [notify]
            actions:
              notify: { record: reloads, on_first_render: true, wait: { min: 0s, max: 0s } }
            """);
        var secret = Assert.Single(plan.Secrets);
        var board = services.GetRequiredService<StatusBoard>();
        board.Track(secret);
        var refresher = new SecretRefresher(plan, board, services.GetRequiredService<SidecarMetrics>(), services.GetRequiredService<ILogger<SecretRefresher>>());
        using var dispatcher = new ActionDispatcher(plan, [], TimeProvider.System, new Random(1), services.GetRequiredService<SidecarMetrics>(), services.GetRequiredService<ILoggerFactory>());
        var runs = services.GetRequiredService<RecordedRuns>();
        await dispatcher.StartAsync(CancellationToken.None);

        dispatcher.FilesChanged(secret, await refresher.RefreshAsync(secret, CancellationToken.None));
        var first = await runs.NextAsync(Deadline);
        Assert.Equal("41", File.ReadAllText(Path.Combine(_dir, "out", "value")));
        dispatcher.FilesChanged(secret, await refresher.RefreshAsync(secret, CancellationToken.None));
        var second = await runs.NextAsync(Deadline);

        Assert.Equal("42", File.ReadAllText(Path.Combine(_dir, "out", "value")));
        foreach (var (label, run) in new[] { first, second })
        {
            Assert.Equal(("reloads", "notify", "value"), (label, run.ActionName, Assert.Single(run.ChangedFiles)));
        }
        await dispatcher.StopAsync(CancellationToken.None);
    }

    /// <summary>The composition: the product's registrations, then one line per demonstration plugin.</summary>
    private static ServiceProvider Services(bool withUserpass)
    {
        var services = new ServiceCollection().AddSingleton<RecordedRuns>();
        var sidecar = services.AddSidecarCore().AddVault(daemon: false)
            .AddSource<CounterSourceFactory>()
            .AddAction<RecordingActionFactory>();
        if (withUserpass)
        {
            sidecar.AddVaultAuth<UserpassAuthFactory>();
        }

        return services.BuildServiceProvider();
    }

    private SidecarPlan Plan(ServiceProvider services, string yaml) =>
        services.GetRequiredService<SidecarPlanBuilder>().Build(new ConfigurationBuilder().AddSidecarConfigurationText(yaml, "test").Build(), _dir);
}
