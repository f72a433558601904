using System.Text.Json;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// The one place that holds the sidecar's Vault token: logs in through the configured <see cref="IAuthMethod"/>,
/// renews, logs in again when told the token is bad. Concurrent callers share one login. Logs carry the token's
/// accessor, never the token. Dependents (leases, later) subscribe to <see cref="LoggedIn"/>; KV reads do not
/// depend on the token and are not re-fetched.
/// </summary>
public sealed partial class VaultSession(
    VaultClient client,
    IAuthMethod auth,
    StatusBoard board,
    TimeProvider time,
    ILogger<VaultSession> logger,
    R3mes.Sidecar.Diagnostics.SidecarMetrics? metrics = null)
{
    public const string Component = "vault";
    private readonly SemaphoreSlim _login = new(1, 1);
    private readonly Dictionary<string, DateTimeOffset?> _retired = new(StringComparer.Ordinal);
    private VaultToken? _token;

    private bool _resumeTried;

    public event Action<VaultToken>? LoggedIn;

    /// <summary>The token's deadline may have moved: a new login, or a renewal that hit the max TTL.</summary>
    public event Action? DeadlineChanged;

    /// <summary>Where the token is kept across restarts (<c>state_dir</c>), if configured.</summary>
    internal TokenState? State { get; init; }

    public VaultToken? Current => _token;

    public async ValueTask<VaultToken> TokenAsync(CancellationToken cancellationToken)
    {
        var token = _token;
        if (token is not null && (token.ExpiresAt is null || token.ExpiresAt > time.GetUtcNow()))
        {
            return token;
        }

        return await LoginAsync(token, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Logs in unless another caller already replaced <paramref name="stale"/> (a renewal keeps the token's value, so
    /// a renewed copy of a rejected token is not a replacement). Subscribers of <see cref="LoggedIn"/> hear every new
    /// token at once, whoever asked for it: the token keeper schedules its renewals from the token's issue time.
    /// </summary>
    public async Task<VaultToken> LoginAsync(VaultToken? stale, CancellationToken cancellationToken)
    {
        await _login.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && !_token.Value.Equals(stale?.Value))
            {
                return _token;
            }

            var token = stale is null ? await ResumeAsync(cancellationToken).ConfigureAwait(false) : null;
            if (token is null)
            {
                token = await SendLoginAsync(cancellationToken).ConfigureAwait(false);
                LogLoggedIn(logger, auth.Description, token.Accessor, token.Ttl.TotalSeconds, token.Renewable);
                Persist(token);
            }

            if (stale is not null && stale.Accessor != token.Accessor)
            {
                lock (_retired)
                {
                    _retired[stale.Accessor] = stale.ExpiresAt;
                }
            }

            _token = token;
            board.SetComponent(Component, null);
            try
            {
                LoggedIn?.Invoke(token);
            }
            catch (Exception e) when (e is R3mes.Sidecar.Output.OutputException or IOException)
            {
                LogLoginListenerFailed(logger, e.Message);
            }

            DeadlineChanged?.Invoke();
            return token;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            board.SetComponent(Component, $"login failed: {Failure.Describe(e)}");
            metrics?.AuthFailures.Add(1, R3mes.Sidecar.Diagnostics.SidecarMetrics.Tag("backend", "vault"));
            throw;
        }
        finally
        {
            _login.Release();
        }
    }

    /// <summary>renew-self; returns the renewed token (same value, new TTL).</summary>
    public async Task<VaultToken> RenewAsync(VaultToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var sent = time.GetUtcNow();
        var response = await client.SendAsync(HttpMethod.Post, ["auth", "token", "renew-self"], token.Value, cancellationToken,
            new Dictionary<string, string> { ["increment"] = ((long)(token.Increment > TimeSpan.Zero ? token.Increment : token.Ttl).TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) }).ConfigureAwait(false);
        var block = response.Required("renew-self").Auth ?? throw new VaultApiException(response.Status, ["renew-self answered without an auth block"], "POST auth/token/renew-self");
        // lease_duration is whole seconds: 0 means less than one is left before the max TTL, never "does not expire"
        // (a Ttl of zero would read as a token without expiry and end renewing without a new login).
        var ttl = block.LeaseDuration > 0 ? TimeSpan.FromSeconds(block.LeaseDuration) : TimeSpan.FromTicks(1);
        var requested = token.Increment > TimeSpan.Zero ? token.Increment : token.Ttl;
        var capped = token.Capped || ttl < requested - TimeSpan.FromSeconds(1);
        var renewed = token with { Ttl = ttl, Renewable = block.Renewable, ObtainedAt = sent, Capped = capped };
        await _login.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (ReferenceEquals(_token, token))
            {
                _token = renewed;
            }
        }
        finally
        {
            _login.Release();
        }

        LogRenewed(logger, token.Accessor, block.LeaseDuration);
        if (renewed.HardExpiry is not null && token.HardExpiry is null)
        {
            DeadlineChanged?.Invoke();
        }

        return renewed;
    }

    /// <summary>
    /// Revokes the token the sidecar logged in with (<c>revoke_on_shutdown</c>) and forgets it in <c>state_dir</c>.
    /// A token given by the operator (<c>method: token</c>) is not ours to revoke and is left alone.
    /// </summary>
    public async Task RevokeAsync(CancellationToken cancellationToken)
    {
        if (_token is not { } token || auth is IOperatorTokenAuth)
        {
            return;
        }

        await client.SendAsync(HttpMethod.Post, ["auth", "token", "revoke-self"], token.Value, cancellationToken).ConfigureAwait(false);
        _token = null;
        State?.Delete();
        LogRevoked(logger, token.Accessor);
    }

    /// <summary>
    /// When the token with <paramref name="accessor"/> dies for sure: the current token's <see cref="VaultToken.HardExpiry"/>
    /// (null while it can still be extended); a replaced token's last known expiry; for a token this session never
    /// held (a lease from another run), now — it may already be gone.
    /// </summary>
    public DateTimeOffset? TokenDeadline(string accessor)
    {
        if (_token is { } current && current.Accessor == accessor)
        {
            return current.HardExpiry;
        }

        lock (_retired)
        {
            return _retired.TryGetValue(accessor, out var expiry) ? expiry : time.GetUtcNow();
        }
    }

    /// <summary>The token saved in <c>state_dir</c> by an earlier run, if Vault still accepts it (tried once).</summary>
    private async Task<VaultToken?> ResumeAsync(CancellationToken cancellationToken)
    {
        if (_resumeTried || State?.Load() is not { } saved)
        {
            return null;
        }

        try
        {
            // Tried once means answered once: a lookup that did not get through (Vault down, once's retry_budget
            // spent) is tried again, or the next start would log in anew — which a used wrapped secret_id cannot.
            var token = await LookupAsync(saved, cancellationToken).ConfigureAwait(false);
            _resumeTried = true;
            if (token.ExpiresAt is { } expires && expires - time.GetUtcNow() < TimeSpan.FromSeconds(5))
            {
                return null;
            }

            LogResumed(logger, token.Accessor, token.Ttl.TotalSeconds);
            return token;
        }
        catch (VaultApiException e) when (e.IsPermissionDenied)
        {
            _resumeTried = true;
            LogResumeRefused(logger);
            return null;
        }
    }

    private void Persist(VaultToken token)
    {
        try
        {
            State?.Save(token);
        }
        catch (Exception e) when (e is R3mes.Sidecar.Output.OutputException or IOException or UnauthorizedAccessException)
        {
            LogLoginListenerFailed(logger, $"could not keep the token in state_dir: {e.Message}");
        }
    }

    private async Task<VaultToken> LookupAsync(SecretValue token, CancellationToken cancellationToken)
    {
        var sent = time.GetUtcNow();
        var lookup = await client.SendAsync(HttpMethod.Get, ["auth", "token", "lookup-self"], token, cancellationToken).ConfigureAwait(false);
        var data = lookup.Required("lookup-self").Data;
        var lifetime = Number(data, "period") is > 0 and var period ? period : Number(data, "creation_ttl");
        // ttl is whole seconds: 0 with an expire_time means under a second left, not "never expires" (root tokens
        // have no expire_time). Such a token counts as expiring now, so the next use logs in again.
        var ttl = Number(data, "ttl") is > 0 and var seconds ? TimeSpan.FromSeconds(seconds)
            : Text(data, "expire_time").Length > 0 ? TimeSpan.FromTicks(1) : TimeSpan.Zero;
        return new VaultToken(token, Text(data, "accessor"), ttl, Flag(data, "renewable"), sent)
        {
            Increment = TimeSpan.FromSeconds(lifetime),
        };
    }

    private async Task<VaultToken> SendLoginAsync(CancellationToken cancellationToken)
    {
        var request = await auth.BuildAsync(client, cancellationToken).ConfigureAwait(false);
        if (request.DirectToken is { } direct)
        {
            return await LookupAsync(direct, cancellationToken).ConfigureAwait(false);
        }

        // Vault starts the TTL when it handles the login: counting from before the request never overestimates it.
        var sent = time.GetUtcNow();
        var response = await client.SendAsync(HttpMethod.Post, request.Path!, null, cancellationToken, request.Body).ConfigureAwait(false);
        var block = response.Required("login").Auth;
        if (block?.ClientToken is not { Length: > 0 } clientToken)
        {
            throw new VaultAuthException($"login at {request} answered without a client token");
        }

        return new VaultToken(SecretValue.FromUtf8(clientToken), block.Accessor ?? "", TimeSpan.FromSeconds(block.LeaseDuration), block.Renewable, sent)
        {
            Increment = TimeSpan.FromSeconds(block.LeaseDuration),
        };
    }

    private static string Text(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static long Number(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : 0;

    private static bool Flag(JsonElement data, string name) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
