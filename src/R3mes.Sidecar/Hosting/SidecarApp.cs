using R3mes.Sidecar.Cli;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Exec;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Hosting;

/// <summary>
/// One command's application: loads the configuration, has <see cref="CompositionRoot"/> build the plan and then
/// the host from it, checks the output directory before anything runs, and maps failures to exit codes.
/// </summary>
internal sealed partial class SidecarApp : IDisposable
{
    public const string ConfigEnvironmentVariable = "R3MES_SIDECAR_CONFIG";
    public const string InlineConfigEnvironmentVariable = "R3MES_SIDECAR_CONFIG_INLINE";

    private readonly IDisposable _planServices;
    private readonly string _configPath;
    private readonly string _endpoints;
    private readonly ILogger<SidecarApp> _logger;
    private readonly FatalFailure _fatal;
    private readonly InitialRender _initialRender;

    private readonly IHost? _host;

    public SidecarApp(IHost? host, IDisposable planServices, SidecarMode mode, SidecarPlan plan, string configPath, string endpoints,
        ILogger<SidecarApp> logger, FatalFailure fatal, InitialRender initialRender, ExecSession? exec)
    {
        _host = host;
        _planServices = planServices;
        Mode = mode;
        Plan = plan;
        _configPath = configPath;
        _endpoints = endpoints;
        _logger = logger;
        _fatal = fatal;
        _initialRender = initialRender;
        Exec = exec;
    }

    /// <summary>The daemon's host; <c>once</c> and <c>check</c> have none.</summary>
    public IHost Host => _host ?? throw new InvalidOperationException($"{Mode} builds no host");

    public SidecarMode Mode { get; }

    public SidecarPlan Plan { get; }

    /// <summary>The child supervisor, in <c>exec</c> mode.</summary>
    public ExecSession? Exec { get; }

    public static async Task<int> Guard(string? configPath, SidecarMode mode, Func<SidecarApp, Task<int>> body, string[]? child = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var app = Create(configPath, mode, child);
            if (mode != SidecarMode.Check)
            {
                Lifecycle.LogStarting(app._logger, mode, app._configPath, app.Plan, app._endpoints);
                app.VerifyOutput();
            }

            var code = await body(app).ConfigureAwait(false);
            return app._fatal.Message is { } message ? Fail.With(ExitCodes.Failure, message) : code;
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
        _initialRender.RunAsync(cancellationToken);

    public void Dispose()
    {
        _host?.Dispose();
        _planServices.Dispose();
    }

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
        return CompositionRoot.Compose(configuration, baseDirectory, inline is null ? Path.GetFullPath(path!) : $"${InlineConfigEnvironmentVariable}", mode, child);
    }

    private void VerifyOutput()
    {
        StaleTempFiles.Remove(Plan.Output.Directory, _logger);
        if (OutputOwnership.Problems(Plan, Posix.ProcessCredentials.Current()) is { Count: > 0 } owners)
        {
            throw new OutputException(string.Join("; ", owners));
        }

        if (OutputDirectory.WorldWritable(Plan.Output.Directory) is { } exposure)
        {
            LogWorldWritable(_logger, exposure);
        }

        if (OutputDirectory.Verify(Plan.Output.Directory))
        {
            return;
        }

        if (Plan.Output.RequireTmpfs)
        {
            throw new OutputException($"output directory {Plan.Output.Directory} is not tmpfs and output.require_tmpfs is set: mount a memory-backed volume there (Compose: tmpfs, Kubernetes: emptyDir medium Memory)");
        }

        LogNotTmpfs(_logger, Plan.Output.Directory);
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "output directory {Directory} is not tmpfs: secrets may reach a disk; mount a memory-backed volume or set output.require_tmpfs to refuse")]
    private static partial void LogNotTmpfs(ILogger logger, string directory);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "{Problem}")]
    private static partial void LogWorldWritable(ILogger logger, string problem);
}
