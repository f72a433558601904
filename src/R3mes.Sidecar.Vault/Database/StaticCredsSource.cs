using System.Text.Json;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Kv;

namespace R3mes.Sidecar.Vault.Database;

/// <summary>
/// A database static role (<c>&lt;mount&gt;/static-creds/&lt;name&gt;</c>): no lease; Vault rotates the password every
/// <c>rotation_period</c> and says in <c>ttl</c> (seconds, possibly a float) when. Re-read just after that.
/// </summary>
internal sealed class StaticCredsSource(VaultRuntime vault, IReadOnlyList<string> path, ILogger logger) : ISecretSource
{
    /// <summary>How long after the announced rotation to read again, so the new password is there.</summary>
    public static readonly TimeSpan AfterRotation = TimeSpan.FromSeconds(1);

    public string Description => $"vault {Where} (static role)";

    private string Where => string.Join('/', path);

    public async ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken) =>
        await vault.WithTokenAsync(Where, logger, token => ReadAsync(token, cancellationToken), cancellationToken).ConfigureAwait(false);

    private async Task<SecretData> ReadAsync(VaultToken token, CancellationToken cancellationToken)
    {
        var response = await vault.Client.SendAsync(HttpMethod.Get, path, token.Value, cancellationToken).ConfigureAwait(false);
        var data = response.Required($"GET {Where}").Data;
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new SecretSourceException($"vault {Where}: the response has no data", transient: false);
        }

        var ttl = data.TryGetProperty("ttl", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetDouble(out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds) : TimeSpan.Zero;
        var rotated = data.TryGetProperty("last_vault_rotation", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
        return new SecretData(null, KvFields.From(data, Where), new Freshness
        {
            Version = rotated,
            RefreshAfter = ttl + AfterRotation,
        });
    }
}
