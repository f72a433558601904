using System.Collections.Concurrent;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// Per-secret and per-backend state for <c>/readyz</c>, <c>/status</c> and metrics, plus each file's write
/// generation for the audit log. No values: errors are the value-free sentences of <see cref="Failure.Describe"/>.
/// </summary>
public sealed class StatusBoard(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SecretStatus> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, BackendStatus> _backends = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TrackedFiles> _files = new(StringComparer.Ordinal);

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Records a backend (<c>vault</c>, <c>aws</c>, …) as reachable (null) or not (why). Not part of readiness.</summary>
    public void SetComponent(string component, string? problem)
    {
        ArgumentNullException.ThrowIfNull(component);
        var now = time.GetUtcNow();
        _backends.AddOrUpdate(
            component,
            name => new BackendStatus(name, problem is null, problem, now),
            (_, b) => b.Up == (problem is null) ? b with { LastError = problem ?? b.LastError } : new BackendStatus(b.Name, problem is null, problem ?? b.LastError, now));
    }

    /// <summary>Tracks a secret; with <paramref name="outputDirectory"/>, readiness also asks whether its files are there.</summary>
    public void Track(SecretSpec secret, string? outputDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (outputDirectory is not null)
        {
            _files[secret.Name] = new TrackedFiles(outputDirectory, secret.Files.Select(f => f.Name).ToArray());
        }

        var backend = BackendName.Of(secret.Source);
        _secrets.TryAdd(secret.Name, new SecretStatus(secret.Name, secret.Required, false, null, null, null, backend));
        _backends.TryAdd(backend, new BackendStatus(backend, true, null, time.GetUtcNow()));
    }

    /// <summary>Records a successful refresh; returns the status it replaces (its <see cref="SecretStatus.Failures"/> tell a recovery).</summary>
    public SecretStatus Succeeded(string secret, DateTimeOffset? expiresAt)
    {
        var now = time.GetUtcNow();
        SecretStatus? before = null;
        _secrets.AddOrUpdate(secret,
            name => new SecretStatus(name, true, true, now, expiresAt, null),
            (_, s) =>
            {
                before = s;
                return s with { Rendered = true, LastSuccess = now, ExpiresAt = expiresAt, LastError = null, Failures = 0, FailingSince = null };
            });
        return before ?? new SecretStatus(secret, true, false, null, null, null);
    }

    public void Failed(string secret, string error)
    {
        var now = time.GetUtcNow();
        _secrets.AddOrUpdate(secret,
            name => new SecretStatus(name, true, false, null, null, error, Failures: 1, FailingSince: now),
            (_, s) => s with { LastError = error, Failures = s.Failures + 1, FailingSince = s.FailingSince ?? now });
    }

    public long NextGeneration(string file) => _generations.AddOrUpdate(file, 1, (_, g) => g + 1);

    public IReadOnlyList<SecretStatus> Snapshot() => _secrets.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();

    public IReadOnlyList<BackendStatus> Backends() => _backends.Values.OrderBy(b => b.Name, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Ready when every required secret has been rendered, its files are in the output directory (a deleted file or
    /// directory, which a failing write could not restore, is missing — not "stale"), and none is past its known
    /// expiry. A backend outage alone does not make the sidecar unready: the files still hold good values.
    /// </summary>
    public bool IsReady(out IReadOnlyList<string> waitingFor)
    {
        var now = time.GetUtcNow();
        waitingFor = _secrets.Values
            .Where(s => s.Required)
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => WhyNotReady(s, now))
            .OfType<string>()
            .ToArray();
        return waitingFor.Count == 0;
    }

    private string? WhyNotReady(SecretStatus secret, DateTimeOffset now)
    {
        if (!secret.Rendered)
        {
            return secret.Name;
        }

        if (secret.IsExpired(now))
        {
            return $"{secret.Name} (expired {secret.ExpiresAt!.Value.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ})";
        }

        return _files.TryGetValue(secret.Name, out var files) && files.Missing() is { Count: > 0 } missing
            ? $"{secret.Name} (missing {string.Join(", ", missing)})"
            : null;
    }
}
