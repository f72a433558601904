using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Endpoints;

/// <summary>Reads <c>limits:</c> into <see cref="ConnectionLimits"/>; absent keys keep the default.</summary>
internal sealed class ConnectionLimitsSection : IConfigSectionOwner
{
    public const string Name = "limits";

    public string Section => Name;

    public object? Read(IConfigurationSection section, string baseDirectory, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var options = ConfigBinding.Bind(section, ConnectionLimitsOptions.Keys, errors, s => s.Get<ConnectionLimitsOptions>());
        return new ConnectionLimits(
            Bound(options.Listen, "listen", errors),
            Bound(options.VaultProxy, "vault_proxy", errors),
            Bound(options.AwsAgent, "aws_agent", errors));
    }

    private static int Bound(int? value, string key, ConfigErrors errors)
    {
        var bound = value ?? ConnectionLimits.DefaultPerListener;
        if (bound is < 1 or > ConnectionLimits.Most)
        {
            errors.Add($"limits.{key}", $"{bound} is out of range: use 1 to {ConnectionLimits.Most} (default {ConnectionLimits.DefaultPerListener})");
        }

        return bound;
    }
}
