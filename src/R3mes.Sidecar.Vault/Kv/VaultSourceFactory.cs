using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Configuration;

namespace R3mes.Sidecar.Vault.Kv;

/// <summary><c>source: { vault: secret/r3mes/app, version: 3 }</c>. Contacts nothing: mounts are detected at first fetch.</summary>
internal sealed class VaultSourceFactory(VaultRuntime vault, ILoggerFactory loggers) : ISecretSourceFactory
{
    public string Kind => "vault";

    public IReadOnlyCollection<string> OptionKeys => ["version"];

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

        var path = VaultPath.Segments(context.Location);

        int? version = null;
        if (context.Section["version"] is { } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pinned) || pinned < 1)
            {
                context.Errors.Add($"{context.Path}.version", $"'{text}' is not a KV version: use a positive integer, or omit it for the latest");
                return null;
            }

            version = pinned;
        }

        return new KvSource(vault, path, version, loggers.CreateLogger<KvSource>());
    }
}
