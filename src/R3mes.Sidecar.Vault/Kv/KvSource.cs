using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Kv;

/// <summary>
/// A KV secret (v1 or v2, detected per mount). On v2 each refresh first asks the metadata for
/// <c>current_version</c> and reads the data only when it moved (or reads a pinned version once). A soft-deleted or
/// destroyed version and a missing path are told apart; either way the last good files stay.
/// </summary>
internal sealed class KvSource(VaultRuntime vault, IReadOnlyList<string> path, int? pinnedVersion, ILogger logger, KvMount? mount = null) : ISecretSource
{
    private KvMount? _mount = mount;
    private SecretData? _last;
    private bool _metadataDenied;

    public string Description => $"vault {Where}" + (pinnedVersion is { } v ? $" (version {v})" : "");

    private string Where => string.Join('/', path);

    public async ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken) =>
        await vault.WithTokenAsync(Where, logger, token => ReadAsync(token, cancellationToken), cancellationToken).ConfigureAwait(false);

    private async Task<SecretData> ReadAsync(VaultToken token, CancellationToken cancellationToken)
    {
        var client = vault.Client;
        if (_mount is null)
        {
            var resolved = await Engines.MountResolver.ResolveAsync(client, token, path, cancellationToken).ConfigureAwait(false);
            if (!resolved.IsKv)
            {
                throw new SecretSourceException($"vault {Where}: the mount {string.Join('/', resolved.Mount)} is '{resolved.Type}', not kv", transient: false);
            }

            _mount = resolved.AsKv();
            VaultLog.MountDetected(logger, Where, _mount.Version, string.Join('/', _mount.Mount));
        }

        return _mount.Version == 2
            ? await ReadV2Async(client, token, _mount, cancellationToken).ConfigureAwait(false)
            : await ReadV1Async(client, token, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SecretData> ReadV1Async(VaultClient client, VaultToken token, CancellationToken cancellationToken)
    {
        var response = await client.SendAsync(HttpMethod.Get, path, token.Value, cancellationToken, acceptNotFound: true).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound || response.Envelope?.HasData != true)
        {
            throw Missing();
        }

        return new SecretData(null, KvFields.From(response.Envelope.Data, Where), Freshness.Unknown);
    }

    private async Task<SecretData> ReadV2Async(VaultClient client, VaultToken token, KvMount mount, CancellationToken cancellationToken)
    {
        var version = pinnedVersion ?? await CurrentVersionAsync(client, token, mount, cancellationToken).ConfigureAwait(false);
        var versionText = version?.ToString(CultureInfo.InvariantCulture);
        if (_last is not null && versionText is not null && _last.Freshness.Version == versionText)
        {
            return _last;
        }

        var response = await client.SendAsync(HttpMethod.Get, [.. mount.Mount, "data", .. mount.Relative], token.Value, cancellationToken,
            query: pinnedVersion is { } pinned ? $"version={pinned.ToString(CultureInfo.InvariantCulture)}" : null, acceptNotFound: true).ConfigureAwait(false);
        var data = response.Envelope?.HasData == true ? response.Envelope.Data : default;
        if (response.Status == HttpStatusCode.NotFound || data.ValueKind != JsonValueKind.Object)
        {
            throw Deleted(data) ?? Missing();
        }

        if (!data.TryGetProperty("data", out var secret) || secret.ValueKind != JsonValueKind.Object)
        {
            throw Deleted(data) ?? new SecretSourceException($"vault {Where}: the response has no data map", transient: false);
        }

        var read = data.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object &&
                   metadata.TryGetProperty("version", out var v) && v.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : versionText;
        _last = new SecretData(null, KvFields.From(secret, Where), new Freshness { Version = read });
        return _last;
    }

    /// <summary><c>current_version</c> from the metadata, or null when the policy does not allow reading it.</summary>
    private async Task<long?> CurrentVersionAsync(VaultClient client, VaultToken token, KvMount mount, CancellationToken cancellationToken)
    {
        if (_metadataDenied)
        {
            return null;
        }

        try
        {
            var response = await client.SendAsync(HttpMethod.Get, [.. mount.Mount, "metadata", .. mount.Relative], token.Value, cancellationToken, acceptNotFound: true).ConfigureAwait(false);
            if (response.Status == HttpStatusCode.NotFound)
            {
                throw Missing();
            }

            var data = response.Envelope?.Data ?? default;
            return data.ValueKind == JsonValueKind.Object && data.TryGetProperty("current_version", out var v) && v.TryGetInt64(out var n) ? n : null;
        }
        catch (VaultApiException e) when (e.IsPermissionDenied && !e.IsInvalidToken)
        {
            _metadataDenied = true;
            VaultLog.NoMetadataAccess(logger, Where);
            return null;
        }
    }

    private SecretSourceException Missing() =>
        new($"vault {Where}: no secret at this path (404); the files keep their last value", transient: false);

    private SecretSourceException? Deleted(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var version = metadata.TryGetProperty("version", out var v) ? v.ToString() : "?";
        var destroyed = metadata.TryGetProperty("destroyed", out var d) && d.ValueKind == JsonValueKind.True;
        var deleted = metadata.TryGetProperty("deletion_time", out var t) && t.ValueKind == JsonValueKind.String && t.GetString()!.Length > 0;
        return destroyed || deleted
            ? new SecretSourceException($"vault {Where}: version {version} was {(destroyed ? "destroyed" : "deleted")}; the files keep their last value", transient: false)
            : null;
    }
}
