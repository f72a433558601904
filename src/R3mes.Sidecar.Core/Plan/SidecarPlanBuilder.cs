using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Plan;

/// <summary>
/// Validates the whole configuration and turns it into a <see cref="SidecarPlan"/>, reporting every problem at
/// once with its key path. Sources and actions are made by the factories registered for their kinds; sections
/// owned by plugins (<c>vault</c>, <c>aws</c>) are accepted by name and validated by their owners — before
/// <c>secrets:</c>, so the runtimes the sources hold find their settings in <see cref="PlanSections"/>.
/// </summary>
public sealed class SidecarPlanBuilder(SecretSpecReader secrets, ActionSpecReader actions, IEnumerable<IConfigSectionOwner> sectionOwners, PlanSections planSections)
{
    public const string DefaultOutputDirectory = "/run/secrets";

    /// <param name="log">
    /// <c>log:</c> as the caller already read it with <see cref="ReadLog"/> to set up logging before the plan (the
    /// composition root), so it is read once; null reads it here.
    /// </param>
    public SidecarPlan Build(IConfiguration configuration, string baseDirectory, LogSpec? log = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new ConfigErrors();
        var owners = sectionOwners.ToArray();
        var root = new RootSection(configuration);
        var options = ConfigBinding.Bind(root, [.. RootOptions.Keys, .. owners.Select(o => o.Section)], errors, s => s.Get<RootOptions>());

        log ??= ReadLog(configuration.GetSection("log"), errors);
        var listen = options.Listen is null ? null : ListenAddress.Read(options.Listen, "listen", "listen: 127.0.0.1:8099", errors);
        var stateDir = options.StateDir is null ? null : Path.GetFullPath(options.StateDir, baseDirectory);
        var output = ReadOutput(configuration.GetSection("output"), baseDirectory, errors);
        var exec = ReadExec(configuration.GetSection("exec"), errors);
        var retryBudget = OptionValues.Duration(options.RetryBudget, "retry_budget", TimeSpan.FromMinutes(2), errors);
        var sections = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var owner in owners.Where(o => configuration.GetSection(o.Section).Exists()))
        {
            if (owner.Read(configuration.GetSection(owner.Section), baseDirectory, errors) is { } settings)
            {
                sections[owner.Section] = settings;
            }
        }

        // Sections first: the sources made below hold runtimes that read them (PlanSections says why).
        planSections.Fill(stateDir, sections);
        var actionSpecs = actions.Read(configuration.GetSection("actions"), baseDirectory, errors);
        var secretSpecs = secrets.Read(configuration, output, actionSpecs, baseDirectory, errors);
        errors.ThrowIfAny();
        return new SidecarPlan(output, secretSpecs, actionSpecs, exec, listen, stateDir, retryBudget, log, sections);
    }

    private static OutputSpec ReadOutput(IConfigurationSection section, string baseDirectory, ConfigErrors errors)
    {
        var options = ConfigBinding.Bind(section, OutputOptions.Keys, errors, s => s.Get<OutputOptions>());
        var mode = OptionValues.Mode(options.Mode, "output.mode", UnixFileMode.UserRead | UnixFileMode.UserWrite, errors);
        var dir = Path.GetFullPath(options.Dir ?? DefaultOutputDirectory, baseDirectory);
        return new OutputSpec(dir, mode, options.Uid, options.Gid, options.RequireTmpfs);
    }

    /// <summary>Reads <c>log:</c> alone, so a command can set up logging before the rest is validated.</summary>
    public static LogSpec ReadLog(IConfigurationSection section, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var options = ConfigBinding.Bind(section, LogOptions.Keys, errors, s => s.Get<LogOptions>());
        var level = LogSpec.Default.Level;
        if (options.Level is { } text && !TryLevel(text, out level))
        {
            errors.Add("log.level", $"'{text}' is not a log level (known: trace, debug, info, warning, error)");
        }

        var json = false;
        if (options.Format is { } format && !(json = format.Equals("json", StringComparison.OrdinalIgnoreCase)) &&
            !format.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("log.format", $"'{format}' is not a log format (known: text, json)");
        }

        return new LogSpec(level, json);
    }

    private static bool TryLevel(string text, out Microsoft.Extensions.Logging.LogLevel level)
    {
        var normalized = text.ToUpperInvariant() switch
        {
            "INFO" => "Information",
            "WARN" => "Warning",
            _ => text,
        };
        level = LogSpec.Default.Level;
        return !normalized.Any(char.IsAsciiDigit) && Enum.TryParse(normalized, ignoreCase: true, out level) && level != Microsoft.Extensions.Logging.LogLevel.None;
    }

    private static ExecSpec ReadExec(IConfigurationSection section, ConfigErrors errors)
    {
        var options = ConfigBinding.Bind(section, ExecOptions.Keys, errors, s => s.Get<ExecOptions>());
        var policy = ChildChangePolicy.Reload;
        if (options.OnChange is { } onChange && !OptionValues.TryParseName(onChange, out policy))
        {
            errors.Add("exec.on_change", $"'{onChange}' is not a policy (known: reload, restart, none)");
        }

        var signal = Signals.Hangup;
        if (options.Signal is { } name && !Signals.TryParse(name, out signal))
        {
            errors.Add("exec.signal", $"unknown signal '{name}' (known: {string.Join(", ", Signals.Names)})");
        }

        var killTimeout = OptionValues.Duration(options.KillTimeout, "exec.kill_timeout", TimeSpan.FromSeconds(10), errors);
        return new ExecSpec(policy, signal, killTimeout);
    }

    /// <summary>The configuration root seen as a section, so the same key checks apply at the top level.</summary>
    private sealed class RootSection(IConfiguration root) : IConfigurationSection
    {
        public string? this[string key] { get => root[key]; set => root[key] = value; }

        public string Key => "";

        public string Path => "";

        public string? Value { get => null; set { } }

        public IEnumerable<IConfigurationSection> GetChildren() => root.GetChildren();

        public Microsoft.Extensions.Primitives.IChangeToken GetReloadToken() => root.GetReloadToken();

        public IConfigurationSection GetSection(string key) => root.GetSection(key);
    }
}
