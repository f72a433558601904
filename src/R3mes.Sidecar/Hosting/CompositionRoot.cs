using R3mes.Sidecar.Actions.Running;
using R3mes.Sidecar.Aws;
using R3mes.Sidecar.Aws.Agent;
using R3mes.Sidecar.Aws.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Endpoints;
using R3mes.Sidecar.Exec;
using R3mes.Sidecar.Kubernetes;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Sources.Files;
using R3mes.Sidecar.Vault;
using R3mes.Sidecar.Vault.AwsAuth;
using R3mes.Sidecar.Vault.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace R3mes.Sidecar.Hosting;

/// <summary>
/// The composition root, and the only place the sidecar asks a service provider for anything. In order:
/// configuration → the validated plan (every section: <c>log</c>, <c>listen</c>, <c>vault.proxy.listen</c>,
/// <c>aws.agent.listen</c>, sources, actions) → the host built from the plan (a web host only when the plan has a
/// listener, so a sidecar without endpoints does not pay for Kestrel) — for the daemons only: <c>once</c> and <c>check</c> run
/// from the planning container.
/// The plan is built by the plugins' factories in a planning container; the objects its sources and actions hold
/// (<see cref="Shared"/>) are handed to the host as they are, so there is one of each.
/// </summary>
internal static class CompositionRoot
{
    /// <summary>
    /// The web host would watch appsettings.json with a FileSystemWatcher (an inotify instance of its own, and an
    /// IOException at start when the user has none left). The sidecar reads no appsettings: starting must never
    /// depend on a free inotify instance.
    /// </summary>
    private const string NoConfigWatcher = "--hostBuilder:reloadConfigOnChange=false";

    /// <param name="overrides">
    /// Registrations made in the planning container ahead of the plugins' (which only add what is missing), so the
    /// plan and the host both use them: tests pass a fake clock, a seeded <see cref="Random"/> and a log sink here.
    /// </param>
    public static SidecarApp Compose(IConfiguration configuration, string baseDirectory, string configName, SidecarMode mode, string[]? child,
        Action<IServiceCollection>? overrides = null)
    {
        var daemon = mode is SidecarMode.Run or SidecarMode.Exec;

        // `log` is read ahead of the rest (the loggers the sources capture while the plan is built are made from it),
        // and only here: the plan takes it as read.
        var errors = new ConfigErrors();
        var log = SidecarPlanBuilder.ReadLog(configuration.GetSection("log"), errors);
        errors.ThrowIfAny();
        var planning = new ServiceCollection();
        planning.AddLogging(logging => Logging.Configure(logging, log));
        overrides?.Invoke(planning);
        Plugins(planning, daemon: false);
        // `once` and `check` build no host (nothing hosted runs in them; measured, that saves about 1 ms of their
        // start-up — docs/performance.md): their first render comes from this container, which is handed the plan
        // once it is built.
        SidecarPlan? built = null;
        planning.AddSingleton(_ => built ?? throw new InvalidOperationException("the plan was asked for before it was built"));
        var planServices = planning.BuildServiceProvider();
        try
        {
            var plan = built = planServices.GetRequiredService<SidecarPlanBuilder>().Build(configuration, baseDirectory, log);
            var listeners = Listeners(plan);
            IHost? host = null;
            ExecSession? exec = null;
            if (daemon)
            {
                host = BuildHost(plan, planServices, listeners, child, out exec);
            }
            else
            {
                listeners.Clear(); // once and check open no listener
            }

            var render = (host?.Services ?? planServices).GetRequiredService<InitialRender>();
            var board = planServices.GetRequiredService<StatusBoard>();
            foreach (var secret in plan.Secrets)
            {
                board.Track(secret, plan.Output.Directory);
            }

            var endpoints = listeners.Count == 0 ? "none" : string.Join(", ", listeners.Select(l => $"{l.Address} ({Short(l.Key)})"));
            return new SidecarApp(host, planServices, mode, plan, configName, endpoints, planServices.GetRequiredService<ILogger<SidecarApp>>(),
                planServices.GetRequiredService<FatalFailure>(), render, exec);
        }
        catch
        {
            planServices.Dispose();
            throw;
        }
    }

    private static void Plugins(IServiceCollection services, bool daemon)
    {
        services.AddSidecarCore().AddVault(daemon).AddVaultAuth<AwsIamAuthFactory>().AddAws().AddKubernetes().AddSection<ConnectionLimitsSection>();
    }

    /// <summary>The plan's listeners, each on its own port (they are routed by it).</summary>
    private static List<Listener> Listeners(SidecarPlan plan)
    {
        var listeners = new List<Listener>();
        if (plan.Listen is { } listen)
        {
            listeners.Add(new Listener("listen", listen, LocalEndpoints.What));
        }

        if (plan.Section<VaultSettings>(VaultSection.Name)?.Proxy is { } proxy)
        {
            listeners.Add(new Listener(VaultProxy.Key, proxy.Listen, VaultProxy.What));
        }

        if (plan.Section<AwsSettings>(AwsSection.Name)?.Agent is { } agent)
        {
            listeners.Add(new Listener(AwsAgentEndpoint.Key, agent.Listen, AwsAgentEndpoint.What));
        }

        var errors = new ConfigErrors();
        foreach (var group in listeners.GroupBy(l => l.Address.Port).Where(g => g.Count() > 1))
        {
            var first = group.First();
            foreach (var other in group.Skip(1))
            {
                errors.Add(other.Key, $"port {other.Address.Port} is already used by {first.Key}: each listener needs its own port");
            }
        }

        errors.ThrowIfAny();
        return listeners;
    }

    /// <summary>The daemon's host (<c>run</c>, <c>exec</c>): a web host when the plan has a listener.</summary>
    private static IHost BuildHost(SidecarPlan plan, ServiceProvider planServices, List<Listener> listeners, string[]? child, out ExecSession? exec)
    {
        IHostApplicationBuilder builder = listeners.Count > 0
            ? WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [NoConfigWatcher] })
            : Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        var services = builder.Services;
        builder.Logging.ClearProviders();
        services.AddSingleton(planServices.GetRequiredService<ILoggerFactory>());
        services.AddSingleton(plan);
        Shared(services, planServices);
        Plugins(services, daemon: true);
        services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        var process = child is null ? null : new ChildProcess(child, plan.Exec, planServices.GetRequiredService<TimeProvider>(), planServices.GetRequiredService<ILogger<ChildProcess>>());
        AddDaemon(services, plan, process);

        IHost host;
        if (builder is WebApplicationBuilder web)
        {
            var time = planServices.GetRequiredService<TimeProvider>();
            var limits = plan.Section<ConnectionLimits>(ConnectionLimitsSection.Name) ?? ConnectionLimits.Default;
            ListenerLimits.Configure(web, listeners, limits, time, planServices.GetRequiredService<ILoggerFactory>());
            services.AddSingleton<PrometheusExporter>();
            foreach (var listener in listeners)
            {
                services.AddHostedService(sp => new EndpointAnnouncer(listener, sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<EndpointAnnouncer>>()));
            }

            if (listeners.Any(l => l.Key == VaultProxy.Key))
            {
                VaultProxy.Configure(web);
            }

            var app = web.Build();
            MapListeners(app, plan, listeners);
            host = app;
        }
        else
        {
            host = ((HostApplicationBuilder)builder).Build();
        }

        exec = process is null ? null : new ExecSession(process, host, host.Services.GetRequiredService<FatalFailure>(),
            host.Services.GetRequiredService<IHostApplicationLifetime>(), host.Services.GetRequiredService<ShutdownReason>());
        return host;
    }

    /// <summary>
    /// The objects the plan's sources and actions hold, made while the plan was built: the host uses these very
    /// instances (one status board, one meter, one inotify watcher, one client per backend), registered before the
    /// plugins' own registrations, which only add what is missing.
    /// </summary>
    private static void Shared(IServiceCollection services, ServiceProvider planServices)
    {
        services.AddSingleton(planServices.GetRequiredService<TimeProvider>());
        services.AddSingleton(planServices.GetRequiredService<Random>());
        services.AddSingleton(planServices.GetRequiredService<LifetimeEngine>());
        services.AddSingleton(planServices.GetRequiredService<System.IO.Abstractions.IFileSystem>());
        services.AddSingleton(planServices.GetRequiredService<IDirectoryWatcher>());
        services.AddSingleton(planServices.GetRequiredService<PlanSections>());
        services.AddSingleton(planServices.GetRequiredService<StatusBoard>());
        services.AddSingleton(planServices.GetRequiredService<SidecarMetrics>());
        services.AddSingleton(planServices.GetRequiredService<FatalFailure>());
        services.AddSingleton(planServices.GetRequiredService<VaultRuntime>());
        services.AddSingleton(planServices.GetRequiredService<AwsRuntime>());
        services.AddSingleton(planServices.GetRequiredService<KubernetesRuntime>());
    }

    private static void AddDaemon(IServiceCollection services, SidecarPlan plan, ChildProcess? child)
    {
        services.AddSingleton<ActionDispatcher>();
        services.AddSingleton<IChangeObserver>(sp => sp.GetRequiredService<ActionDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<ActionDispatcher>());
        services.AddSingleton<RefreshScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<RefreshScheduler>());
        services.AddHostedService(sp => new RefreshOnHangup(sp.GetRequiredService<RefreshScheduler>(), plan, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RefreshOnHangup>>()));
        services.AddSingleton<ShutdownReason>();
        services.AddHostedService(sp => new ShutdownLog(sp.GetRequiredService<ShutdownReason>(), sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<ILogger<ShutdownLog>>()));
        if (child is not null)
        {
            services.AddSingleton(child);
            services.AddSingleton(new EveryChangeAction(new ActionSpec("exec-child", child, Debounce.Default)));
        }
    }

    private static void MapListeners(WebApplication app, SidecarPlan plan, List<Listener> listeners)
    {
        var services = app.Services;
        foreach (var listener in listeners)
        {
            switch (listener.Key)
            {
                case VaultProxy.Key:
                    VaultProxy.Map(app, listener.Address, services.GetRequiredService<VaultRuntime>(), services.GetRequiredService<IHttpForwarder>());
                    break;
                case AwsAgentEndpoint.Key:
                    AwsAgentEndpoint.Map(app, plan.Section<AwsSettings>(AwsSection.Name)!.Agent!, services.GetRequiredService<AwsRuntime>(),
                        services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<AgentRequestHandler>>());
                    break;
                default:
                    // The exporter listens first: the zeros Prime records reach only a listener that already exists.
                    var exporter = services.GetRequiredService<PrometheusExporter>();
                    services.GetRequiredService<SidecarMetrics>().Prime(plan);
                    LocalEndpoints.Map(app, listener.Address, services.GetRequiredService<StatusBoard>(), exporter);
                    break;
            }
        }
    }

    private static string Short(string key) => key switch
    {
        VaultProxy.Key => "Vault proxy",
        AwsAgentEndpoint.Key => "AWS agent",
        _ => "/healthz /readyz /status /metrics",
    };
}
