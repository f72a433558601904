using R3mes.Sidecar.Actions;
using R3mes.Sidecar.Aws;
using R3mes.Sidecar.Cli;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Endpoints;
using R3mes.Sidecar.Exec;
using R3mes.Sidecar.Kubernetes;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Vault;

namespace R3mes.Sidecar.Hosting;

/// <summary>
/// The composition root: loads the configuration, builds one host for the command (a web host only when
/// <c>listen</c>, <c>vault.proxy.listen</c> or <c>aws.agent</c> is set and the command is a daemon, so a sidecar
/// without endpoints does not pay for Kestrel), validates the plan before anything runs, and maps failures to exit codes.
/// </summary>
internal sealed partial class SidecarApp : IDisposable
{
    public const string ConfigEnvironmentVariable = "R3MES_SIDECAR_CONFIG";
    public const string InlineConfigEnvironmentVariable = "R3MES_SIDECAR_CONFIG_INLINE";

    /// <summary>
    /// The web host would watch appsettings.json with a FileSystemWatcher (an inotify instance of its own, and an
    /// IOException at start when the user has none left). The sidecar reads no appsettings: starting must never
    /// depend on a free inotify instance.
    /// </summary>
    private const string NoConfigWatcher = "--hostBuilder:reloadConfigOnChange=false";

    private readonly string _configPath;
    private readonly string _endpoints;

    private SidecarApp(IHost host, SidecarMode mode, string configPath, string endpoints)
    {
        Host = host;
        Mode = mode;
        _configPath = configPath;
        _endpoints = endpoints;
        Plan = host.Services.GetRequiredService<SidecarPlan>();
        var board = host.Services.GetRequiredService<StatusBoard>();
        foreach (var secret in Plan.Secrets)
        {
            board.Track(secret, Plan.Output.Directory);
        }
    }

    public IHost Host { get; }

    public SidecarMode Mode { get; }

    public SidecarPlan Plan { get; }

    public static async Task<int> Guard(string? configPath, SidecarMode mode, Func<SidecarApp, Task<int>> body, string[]? child = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var app = Create(configPath, mode, child);
            if (mode != SidecarMode.Check)
            {
                Lifecycle.LogStarting(app.Host.Services.GetRequiredService<ILogger<SidecarApp>>(), mode, app._configPath, app.Plan, app._endpoints);
                app.VerifyOutput();
            }

            var fatal = app.Host.Services.GetRequiredService<FatalFailure>();
            var code = await body(app).ConfigureAwait(false);
            return fatal.Message is { } message ? Fail.With(ExitCodes.Failure, message) : code;
        }
        catch (ConfigurationException e)
        {
            if (e.Errors.Count == 1 && e.Errors[0].Path.Length == 0)
            {
                return Fail.With(ExitCodes.Usage, e.Errors[0].Message);
            }

            foreach (var error in e.Errors)
            {
                Console.Error.WriteLine(error.ToString());
            }

            return Fail.With(ExitCodes.Usage, $"the configuration has {e.Errors.Count} problem(s), listed above; fix them and run 'r3mes-sidecar check'");
        }
        catch (OutputException e)
        {
            return Fail.With(ExitCodes.Usage, e.Message);
        }
        catch (CommandFailedException e)
        {
            return Fail.With(e.ExitCode, e.Message);
        }
    }

    public Task<IReadOnlyList<string>> RenderAllAsync(CancellationToken cancellationToken) =>
        Host.Services.GetRequiredService<InitialRender>().RunAsync(cancellationToken);

    public void Dispose() => Host.Dispose();

    private static SidecarApp Create(string? configPath, SidecarMode mode, string[]? child)
    {
        var path = configPath ?? Environment.GetEnvironmentVariable(ConfigEnvironmentVariable);
        var inline = string.IsNullOrEmpty(path) ? Environment.GetEnvironmentVariable(InlineConfigEnvironmentVariable) : null;
        if (string.IsNullOrEmpty(path) && string.IsNullOrEmpty(inline))
        {
            throw new ConfigurationException($"no configuration: pass --config FILE or set {ConfigEnvironmentVariable} (see examples/local/sidecar.yaml)");
        }

        // The Kubernetes injector passes the configuration itself in R3MES_SIDECAR_CONFIG_INLINE (nothing to mount).
        var configuration = (inline is null
            ? new ConfigurationBuilder().AddSidecarConfiguration(path)
            : new ConfigurationBuilder().AddSidecarConfigurationText(inline, InlineConfigEnvironmentVariable)).Build();
        var baseDirectory = inline is null ? Path.GetDirectoryName(Path.GetFullPath(path!))! : Environment.CurrentDirectory;
        var daemon = mode is SidecarMode.Run or SidecarMode.Exec;
        var errors = new ConfigErrors();
        var log = SidecarPlanBuilder.ReadLog(configuration.GetSection("log"), errors);
        errors.ThrowIfAny();

        var listen = daemon ? configuration["listen"] : null;
        var proxyListen = daemon ? configuration["vault:proxy:listen"] : null;
        var agentListen = daemon ? AwsAgentEndpoint.Listen(configuration) : null;
        IHostApplicationBuilder builder = listen is not null || proxyListen is not null || agentListen is not null
            ? WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [NoConfigWatcher] })
            : Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        Logging.Configure(builder.Logging, log);
        builder.Services.AddSidecarCore().AddVault(daemon).AddAws().AddKubernetes().AddSection<ConnectionLimitsSection>();
        builder.Services.AddReloadActions();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<SidecarPlanBuilder>().Build(configuration, baseDirectory));
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        if (daemon)
        {
            AddDaemon(builder.Services, child);
        }

        IHost host;
        if (builder is WebApplicationBuilder web)
        {
            var listeners = new List<(string, string, string)>();
            if (listen is not null)
            {
                listeners.Add(("listen", listen, "local endpoints /healthz /readyz /status /metrics"));
            }

            if (proxyListen is not null)
            {
                listeners.Add(("vault.proxy.listen", proxyListen, "Vault API proxy /v1/* (requires X-Vault-Request: true)"));
                VaultProxy.Configure(web);
            }

            if (agentListen is not null)
            {
                listeners.Add(("aws.agent.listen", agentListen, AwsAgentEndpoint.What));
            }

            LocalEndpoints.Configure(web, listeners);
            var app = web.Build();
            if (proxyListen is not null)
            {
                VaultProxy.Map(app, VaultProxy.Port(proxyListen));
            }

            if (agentListen is not null)
            {
                AwsAgentEndpoint.Map(app, VaultProxy.Port(agentListen));
            }

            if (listen is not null)
            {
                LocalEndpoints.Map(app, VaultProxy.Port(listen));
            }

            host = app;
        }
        else
        {
            host = ((HostApplicationBuilder)builder).Build();
        }

        var endpoints = new[] { (listen, "/healthz /readyz /status /metrics"), (proxyListen, "Vault proxy"), (agentListen, "AWS agent") }
            .Where(e => e.Item1 is not null).Select(e => $"{e.Item1} ({e.Item2})").ToArray();
        return new SidecarApp(host, mode, inline is null ? Path.GetFullPath(path!) : $"${InlineConfigEnvironmentVariable}", endpoints.Length == 0 ? "none" : string.Join(", ", endpoints));
    }

    private static void AddDaemon(IServiceCollection services, string[]? child)
    {
        services.AddSingleton<ActionDispatcher>();
        services.AddSingleton<IChangeObserver>(sp => sp.GetRequiredService<ActionDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<ActionDispatcher>());
        services.AddSingleton<RefreshScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RefreshScheduler>());
        services.AddHostedService<RefreshOnHangup>();
        services.AddSingleton<ShutdownReason>();
        services.AddHostedService<ShutdownLog>();
        if (child is not null)
        {
            services.AddSingleton(sp => new ChildProcess(child, sp.GetRequiredService<SidecarPlan>().Exec, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ChildProcess>>()));
            services.AddSingleton(sp => new EveryChangeAction(new ActionSpec("exec-child", sp.GetRequiredService<ChildProcess>(), Debounce.Default)));
        }
    }

    private void VerifyOutput()
    {
        var logger = Host.Services.GetRequiredService<ILogger<SidecarApp>>();
        StaleTempFiles.Remove(Plan.Output.Directory, logger);
        if (OutputOwnership.Problems(Plan, Posix.ProcessCredentials.Current()) is { Count: > 0 } owners)
        {
            throw new OutputException(string.Join("; ", owners));
        }

        if (OutputDirectory.WorldWritable(Plan.Output.Directory) is { } exposure)
        {
            LogWorldWritable(logger, exposure);
        }

        if (OutputDirectory.Verify(Plan.Output.Directory))
        {
            return;
        }

        if (Plan.Output.RequireTmpfs)
        {
            throw new OutputException($"output directory {Plan.Output.Directory} is not tmpfs and output.require_tmpfs is set: mount a memory-backed volume there (Compose: tmpfs, Kubernetes: emptyDir medium Memory)");
        }

        LogNotTmpfs(logger, Plan.Output.Directory);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "output directory {Directory} is not tmpfs: secrets may reach a disk; mount a memory-backed volume or set output.require_tmpfs to refuse")]
    private static partial void LogNotTmpfs(ILogger logger, string directory);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "{Problem}")]
    private static partial void LogWorldWritable(ILogger logger, string problem);
}
