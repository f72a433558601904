using System.Text.Json;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Engines;

namespace R3mes.Sidecar.Vault.Pki;

/// <summary>
/// <c>pki/issue/&lt;role&gt;</c> with <c>params</c>: fields <c>certificate</c>, <c>issuing_ca</c>, <c>ca_chain</c> (PEMs
/// joined by newlines), <c>private_key</c>, <c>private_key_type</c>, <c>serial_number</c>, <c>expiration</c>.
/// Re-issued at <c>renew_at</c> (±5% jitter) of the certificate's life after it was issued: from when the sidecar
/// asked for it, or NotBefore if later, to NotAfter (Vault back-dates NotBefore). A certificate kept in
/// <c>state_dir</c> is reused at restart when it was issued for the same request, its key matches and it is not yet due.
/// </summary>
internal sealed partial class PkiSource(VaultRuntime vault, VaultSourceOptions options, PkiStore? store, TimeProvider time, Random random, ILogger logger)
    : ISecretSource, IAcknowledgedSource
{
    private const double Jitter = 0.05;
    private IReadOnlyDictionary<string, SecretValue>? _fields;
    private IssuedCertificate? _certificate;
    private DateTimeOffset _issuedAt;
    private DateTimeOffset _renewAt;
    private bool _resumeTried;

    public string Description => $"vault {options.Where} (certificate)";

    public static bool IsIssuePath(VaultMount mount) => mount.Relative switch
    {
        ["issue", _] => true,
        ["issuer", _, "issue", _] => true,
        _ => false,
    };

    public async ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken)
    {
        if (!_resumeTried)
        {
            _resumeTried = true;
            Resume();
        }

        if (_fields is null || _renewAt <= time.GetUtcNow())
        {
            // The certificate cannot have been issued before it was asked for: the schedule starts no earlier than this.
            var asked = time.GetUtcNow();
            var fields = await vault.WithTokenAsync(options.Where, logger, token => IssueAsync(token, cancellationToken), cancellationToken).ConfigureAwait(false);
            var certificate = IssuedCertificate.Inspect(fields)
                ?? throw new SecretSourceException($"vault {options.Where}: the issued certificate or its key could not be read, or they do not match", transient: false);
            Adopt(fields, certificate, asked);
            LogIssued(logger, options.Where, certificate.Serial, (certificate.NotAfter - time.GetUtcNow()).TotalSeconds, (_renewAt - time.GetUtcNow()).TotalSeconds);
        }

        return Data();
    }

    public ValueTask WrittenAsync(SecretData data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (_fields is { } fields && ReferenceEquals(data.Fields, fields))
        {
            try
            {
                store?.Save(fields, _issuedAt);
            }
            catch (Exception e) when (e is R3mes.Sidecar.Output.OutputException or IOException or UnauthorizedAccessException)
            {
                LogStateFailed(logger, options.Where, e.Message);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Adopts the certificate kept in state_dir when it was issued for this request, its key matches and it is not yet due.</summary>
    private void Resume()
    {
        if (store?.Load() is not { } saved)
        {
            return;
        }

        if (!string.Equals(saved.Request, store.Request, StringComparison.Ordinal))
        {
            LogOtherRequest(logger, options.Where);
            return;
        }

        var fields = saved.Fields!.ToDictionary(f => f.Key, f => SecretValue.FromUtf8(f.Value), StringComparer.Ordinal);
        if (IssuedCertificate.Inspect(fields) is { } kept && Adopt(fields, kept, saved.IssuedAt) > time.GetUtcNow())
        {
            LogReused(logger, options.Where, kept.Serial, (kept.NotAfter - time.GetUtcNow()).TotalSeconds);
        }
    }

    /// <summary>Makes <paramref name="certificate"/> the current one; returns when the next one is due.</summary>
    private DateTimeOffset Adopt(IReadOnlyDictionary<string, SecretValue> fields, IssuedCertificate certificate, DateTimeOffset issuedAt)
    {
        _fields = fields;
        _certificate = certificate;
        _issuedAt = issuedAt;
        _renewAt = certificate.RenewAt(Lifetimes.Jitter.Fraction(options.RenewAt, Jitter, random), issuedAt);
        return _renewAt;
    }

    private SecretData Data()
    {
        var wait = _renewAt - time.GetUtcNow();
        return new SecretData(null, _fields, new Freshness
        {
            Version = _certificate!.Serial,
            ExpiresAt = _certificate.NotAfter,
            RefreshAfter = wait > TimeSpan.FromMilliseconds(50) ? wait : TimeSpan.FromMilliseconds(50),
        });
    }

    private async Task<IReadOnlyDictionary<string, SecretValue>> IssueAsync(VaultToken token, CancellationToken cancellationToken)
    {
        var response = await vault.Client.SendAsync(HttpMethod.Post, options.Path, token.Value, cancellationToken, options.Params).ConfigureAwait(false);
        var data = response.Required($"POST {options.Where}").Data;
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new SecretSourceException($"vault {options.Where}: the response has no data", transient: false);
        }

        var fields = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        foreach (var property in data.EnumerateObject())
        {
            fields[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => SecretValue.FromUtf8(property.Value.GetString()!),
                JsonValueKind.Array => SecretValue.FromUtf8(string.Join('\n', property.Value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()))),
                _ => SecretValue.FromUtf8(property.Value.GetRawText()),
            };
        }

        return fields;
    }

    [LoggerMessage(EventId = 4220, Level = LogLevel.Information, Message = "vault {Path}: issued certificate serial {Serial} (valid {ValidSeconds:0}s, next issue in {RenewSeconds:0}s)")]
    private static partial void LogIssued(ILogger logger, string path, string serial, double validSeconds, double renewSeconds);

    [LoggerMessage(EventId = 4221, Level = LogLevel.Information, Message = "vault {Path}: reusing certificate serial {Serial} from state_dir ({ValidSeconds:0}s left)")]
    private static partial void LogReused(ILogger logger, string path, string serial, double validSeconds);

    [LoggerMessage(EventId = 4222, Level = LogLevel.Warning, Message = "vault {Path}: could not keep the certificate in state_dir: {Reason}")]
    private static partial void LogStateFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 4223, Level = LogLevel.Information, Message = "vault {Path}: not reusing the certificate in state_dir: it was issued for another request (the path or params changed)")]
    private static partial void LogOtherRequest(ILogger logger, string path);
}
