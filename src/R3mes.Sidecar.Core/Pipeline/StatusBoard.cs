using System.Collections.Concurrent;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Pipeline;

/// <summary>Per-secret state for <c>/readyz</c> and metrics, plus each file's write generation for the audit log.</summary>
public sealed class StatusBoard(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SecretStatus> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _components = new(StringComparer.Ordinal);

    /// <summary>Marks a backend session (e.g. <c>vault</c>) healthy (null) or not (why), for <c>/readyz</c>.</summary>
    public void SetComponent(string component, string? problem)
    {
        if (problem is null)
        {
            _components.TryRemove(component, out _);
        }
        else
        {
            _components[component] = problem;
        }
    }

    public void Track(SecretSpec secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _secrets.TryAdd(secret.Name, new SecretStatus(secret.Name, secret.Required, false, null, null, null));
    }

    public void Succeeded(string secret, DateTimeOffset? expiresAt) =>
        _secrets.AddOrUpdate(secret,
            name => new SecretStatus(name, true, true, time.GetUtcNow(), expiresAt, null),
            (_, s) => s with { Rendered = true, LastSuccess = time.GetUtcNow(), ExpiresAt = expiresAt, LastError = null });

    public void Failed(string secret, string error) =>
        _secrets.AddOrUpdate(secret,
            name => new SecretStatus(name, true, false, null, null, error),
            (_, s) => s with { LastError = error });

    public long NextGeneration(string file) => _generations.AddOrUpdate(file, 1, (_, g) => g + 1);

    public IReadOnlyList<SecretStatus> Snapshot() => _secrets.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Ready when every required secret has been rendered at least once (the files exist and are current or
    /// last-good) and every backend session is healthy.
    /// </summary>
    public bool IsReady(out IReadOnlyList<string> waitingFor)
    {
        waitingFor = _secrets.Values.Where(s => s.Required && !s.Rendered).Select(s => s.Name).Order(StringComparer.Ordinal)
            .Concat(_components.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} ({c.Value})"))
            .ToArray();
        return waitingFor.Count == 0;
    }
}
