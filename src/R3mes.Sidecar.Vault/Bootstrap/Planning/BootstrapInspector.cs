using System.Text.Json;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// Reads what Vault holds now, for the planner — only reads, and only under mounts that exist (a path on a mount
/// still to be enabled is absent by definition): sys/mounts, sys/auth, each wanted object, KV metadata (or data for
/// <c>update: always</c>), the PKI issuers and CA, each policy, each AppRole role id; plus the credentials files.
/// </summary>
internal sealed class BootstrapInspector(BootstrapVault vault)
{
    public async Task<ObservedState> InspectAsync(DesiredState desired, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(desired);
        var observed = new ObservedState();
        await ReadAsync(observed, "sys/mounts", list: false, cancellationToken).ConfigureAwait(false);
        await ReadAsync(observed, "sys/auth", list: false, cancellationToken).ConfigureAwait(false);
        var mounts = Keys(observed.Read("sys/mounts"));
        var auth = Keys(observed.Read("sys/auth")).Select(m => "auth/" + m).ToList();
        bool Mounted(string path) => mounts.Concat(auth).Any(m => path.StartsWith(m, StringComparison.Ordinal));

        var reads = new List<(string Path, bool List)>();
        if (desired.Spec.Kv is { } kv)
        {
            reads.AddRange(kv.Secrets.Select(s => (DesiredState.KvReadPath(kv, s), false)));
        }

        reads.AddRange(desired.EngineObjects.Concat(desired.AuthObjects).Select(o => (o.Path, false)));
        if (desired.Spec.Pki is { } pki)
        {
            reads.Add(($"{pki.Mount}/issuers", true));
            reads.Add(($"{pki.Mount}/cert/ca", false));
        }

        reads.AddRange(desired.Credentials.Select(c => (c.RoleIdPath, false)));
        foreach (var (path, list) in reads.Where(r => Mounted(r.Path)))
        {
            if (path.EndsWith("/cert/ca", StringComparison.Ordinal) && observed.Read(path[..^"cert/ca".Length] + "issuers") is null)
            {
                continue;
            }

            await ReadAsync(observed, path, list, cancellationToken).ConfigureAwait(false);
        }

        foreach (var policy in desired.Policies)
        {
            await ReadAsync(observed, policy.Path, list: false, cancellationToken).ConfigureAwait(false);
        }

        foreach (var credentials in desired.Credentials)
        {
            if (File.Exists(credentials.RoleIdFile))
            {
                observed.Files[credentials.RoleIdFile] = await File.ReadAllTextAsync(credentials.RoleIdFile, cancellationToken).ConfigureAwait(false);
            }

            if (File.Exists(credentials.SecretIdFile))
            {
                // Presence only: the wrapped secret id is never read back.
                observed.Files[credentials.SecretIdFile] = "";
            }
        }

        return observed;
    }

    private async Task ReadAsync(ObservedState observed, string path, bool list, CancellationToken cancellationToken)
    {
        var data = list ? await vault.ListAsync(path, cancellationToken).ConfigureAwait(false) : await vault.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (data is { } value)
        {
            observed.Vault[path] = value;
        }
    }

    /// <summary>The mount paths of a sys/mounts or sys/auth answer (<c>secret/</c>, with the slash).</summary>
    private static List<string> Keys(JsonElement? table) =>
        table is { ValueKind: JsonValueKind.Object } t ? [.. t.EnumerateObject().Select(p => p.Name)] : [];
}
