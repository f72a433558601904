using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Plan;

/// <summary>
/// Validates the whole configuration and turns it into a <see cref="SidecarPlan"/>, reporting every problem at
/// once with its key path. Sources and actions are made by the factories registered for their kinds; sections
/// owned by plugins (<c>vault</c>, <c>aws</c>) are accepted by name and validated by their owners.
/// </summary>
public sealed class SidecarPlanBuilder(SecretSpecReader secrets, ActionSpecReader actions, IEnumerable<IConfigSectionOwner> sectionOwners)
{
    public const string DefaultOutputDirectory = "/run/secrets";

    public SidecarPlan Build(IConfiguration configuration, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new ConfigErrors();
        var owners = sectionOwners.ToArray();
        var root = new RootSection(configuration);
        var options = ConfigBinding.Bind(root, [.. RootOptions.Keys, .. owners.Select(o => o.Section)], errors, s => s.Get<RootOptions>());

        var output = ReadOutput(configuration.GetSection("output"), baseDirectory, errors);
        var actionSpecs = actions.Read(configuration.GetSection("actions"), baseDirectory, errors);
        var secretSpecs = secrets.Read(configuration.GetSection("secrets"), output, actionSpecs, baseDirectory, errors);
        var exec = ReadExec(configuration.GetSection("exec"), errors);
        var retryBudget = OptionValues.Duration(options.RetryBudget, "retry_budget", TimeSpan.FromMinutes(2), errors);
        foreach (var owner in owners)
        {
            owner.Validate(configuration.GetSection(owner.Section), errors);
        }

        if (options.Listen is { } listen && !ListenAddress.TryParse(listen, out _))
        {
            errors.Add("listen", $"'{listen}' is not host:port: e.g. listen: 127.0.0.1:8099");
        }

        errors.ThrowIfAny();
        var stateDir = options.StateDir is null ? null : Path.GetFullPath(options.StateDir, baseDirectory);
        return new SidecarPlan(output, secretSpecs, actionSpecs, exec, options.Listen, stateDir, retryBudget);
    }

    private static OutputSpec ReadOutput(IConfigurationSection section, string baseDirectory, ConfigErrors errors)
    {
        var options = ConfigBinding.Bind(section, OutputOptions.Keys, errors, s => s.Get<OutputOptions>());
        var mode = OptionValues.Mode(options.Mode, "output.mode", UnixFileMode.UserRead | UnixFileMode.UserWrite, errors);
        var dir = Path.GetFullPath(options.Dir ?? DefaultOutputDirectory, baseDirectory);
        return new OutputSpec(dir, mode, options.Uid, options.Gid, options.RequireTmpfs);
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
