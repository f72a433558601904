using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Configuration;
using R3mes.Sidecar.Vault.Leases;

namespace R3mes.Sidecar.Vault.Engines;

/// <summary>
/// <c>source: { vault: secret/r3mes/app, version: 3 }</c>, <c>{ vault: database/creds/backend, rotate_at: 0.85,
/// revoke_grace: 60s }</c>, <c>{ vault: pki/issue/r3mes, params: { common_name: … }, renew_at: 0.66 }</c>. Contacts
/// nothing: the engine behind the path is asked at the first fetch.
/// </summary>
internal sealed class VaultSourceFactory(VaultRuntime vault, Lifetimes.LifetimeEngine engine, Random random, TimeProvider time, ILoggerFactory loggers) : ISecretSourceFactory
{
    public string Kind => "vault";

    public IReadOnlyCollection<string> OptionKeys => ["version", "params", "rotate_at", "revoke_grace", "renew_at"];

    public TimeSpan DefaultRefresh => TimeSpan.FromMinutes(5);

    public ISecretSource? Create(SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Root is { } root && !root.GetSection(VaultSection.Name).Exists())
        {
            context.Errors.Add($"{context.Path}.vault", "a vault source needs a vault: section with address and auth");
        }

        if (VaultPath.PathProblem(context.Location) is { } problem)
        {
            context.Errors.Add($"{context.Path}.vault", $"{problem}; write the path inside Vault, e.g. vault: secret/r3mes/app");
            return null;
        }

        var section = context.Section;
        var errors = context.Errors;
        var version = Version(section["version"], $"{context.Path}.version", errors);
        var rotateAt = Fraction(section["rotate_at"], $"{context.Path}.rotate_at", null, errors);
        var renewAt = Fraction(section["renew_at"], $"{context.Path}.renew_at", VaultSourceOptions.DefaultRenewAt, errors) ?? VaultSourceOptions.DefaultRenewAt;
        var grace = OptionValues.Duration(section["revoke_grace"], $"{context.Path}.revoke_grace", LeasePolicy.DefaultRevokeGrace, errors);
        var parameters = Params(section.GetSection("params"), $"{context.Path}.params", errors);
        return new VaultSource(vault, new VaultSourceOptions(VaultPath.Segments(context.Location), context.Secret, version, parameters,
            new LeasePolicy(rotateAt, grace), renewAt), engine, random, time, loggers);
    }

    private static int? Version(string? text, string path, ConfigErrors errors)
    {
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pinned) || pinned < 1)
        {
            errors.Add(path, $"'{text}' is not a KV version: use a positive integer, or omit it for the latest");
            return null;
        }

        return pinned;
    }

    private static double? Fraction(string? text, string path, double? fallback, ConfigErrors errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value is < 0.1 or > 0.95)
        {
            errors.Add(path, $"'{text}' is not a fraction of the lifetime between 0.1 and 0.95, e.g. 0.85");
            return fallback;
        }

        return value;
    }

    private static Dictionary<string, string> Params(IConfigurationSection section, string path, ConfigErrors errors)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var children = section.GetChildren().ToArray();
        if (section.Value is { Length: > 0 } || (children.Length > 0 && children.All(c => int.TryParse(c.Key, out _))))
        {
            errors.Add(path, "params is a map of request fields, e.g. params: { common_name: api.r3mes.local, ttl: 72h }");
            return parameters;
        }

        foreach (var child in children)
        {
            if (child.Value is null)
            {
                errors.Add($"{path}.{child.Key}", "each parameter is a single value (lists as comma-separated text, as Vault takes alt_names)");
                continue;
            }

            parameters[child.Key] = child.Value;
        }

        return parameters;
    }
}
