using System.Text.Json;
using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Engines;

/// <summary>
/// Asks <c>sys/internal/ui/mounts/&lt;path&gt;</c> which mount a path is on, its engine type (kv, database, pki, …)
/// and for KV whether it is v2 (<c>options.version</c> is the string "2"). 404 means a very old server: KV v1 at the
/// first segment.
/// </summary>
internal static class MountResolver
{
    public static async Task<VaultMount> ResolveAsync(VaultClient client, VaultToken token, IReadOnlyList<string> path, CancellationToken cancellationToken)
    {
        VaultResponse response;
        try
        {
            response = await client.SendAsync(HttpMethod.Get, ["sys", "internal", "ui", "mounts", .. path], token.Value, cancellationToken, acceptNotFound: true).ConfigureAwait(false);
        }
        catch (VaultApiException e) when (e.IsPermissionDenied && !e.IsInvalidToken)
        {
            throw new SecretSourceException($"vault {string.Join('/', path)}: no such mount, or the token's policy does not allow reading it ({e.Message})", transient: false);
        }

        if (response.Status == System.Net.HttpStatusCode.NotFound || response.Envelope?.HasData != true)
        {
            return new VaultMount([path[0]], path.Skip(1).ToArray(), "kv", 1);
        }

        var data = response.Envelope.Data;
        var mountPath = data.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()!.Trim('/') : path[0];
        var type = data.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "kv";

        var version = data.TryGetProperty("options", out var o) && o.ValueKind == JsonValueKind.Object &&
                      o.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == "2" ? 2 : 1;
        var mount = mountPath.Split('/');
        if (!path.Take(mount.Length).SequenceEqual(mount, StringComparer.Ordinal))
        {
            throw new SecretSourceException($"vault {string.Join('/', path)}: Vault says the mount is {mountPath}, which does not contain the path", transient: false);
        }

        return new VaultMount(mount, path.Skip(mount.Length).ToArray(), type, version);
    }
}
