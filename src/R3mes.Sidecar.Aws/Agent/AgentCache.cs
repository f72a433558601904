using R3mes.Sidecar.Aws.Client;

namespace R3mes.Sidecar.Aws.Agent;

/// <summary>
/// The agent endpoint's cache of GetSecretValue bodies, keyed by secret id, version id and stage, as AWS's agent does
/// (aws_secretsmanager_caching/src/secret_store/memory_store/mod.rs): an entry is served until it is older than the
/// TTL; at most <c>maxEntries</c> are kept, the least recently used evicted first. When a refresh of an expired entry
/// fails with a transient error (throttling, 5xx, timeout, connection) the cached body is served and stored again
/// with a fresh TTL, so a struggling backend is not asked again on every request (aws_secretsmanager_caching/src/lib.rs
/// <c>refresh_secret_value</c>). <c>refreshNow</c> skips the cache and, as in AWS's agent, does not fall back to it.
/// Concurrent misses for one key share one read, so a burst of callers costs one GetSecretValue. An expired entry of a
/// stage (not a pinned version) is first checked with DescribeSecret: if the stage still points at the cached
/// version, the body is kept with a fresh TTL and no value is read.
/// </summary>
internal sealed class AgentCache
{
    private readonly ISecretValueReader _reader;
    private readonly TimeSpan _ttl;
    private readonly int _maxEntries;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly Dictionary<AgentCacheKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _byUse = [];
    private readonly Dictionary<AgentCacheKey, Task<byte[]>> _reading = [];

    public AgentCache(ISecretValueReader reader, TimeSpan ttl, int maxEntries, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEntries, 1);
        _reader = reader;
        _ttl = ttl;
        _maxEntries = maxEntries;
        _time = time;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The body for <paramref name="key"/>: cached while fresh, else read; errors other than a transient one over a cached body are thrown.</summary>
    public async Task<AgentCacheResult> GetAsync(AgentCacheKey key, bool refreshNow, CancellationToken cancellationToken)
    {
        var cached = refreshNow ? null : Lookup(key);
        if (cached is not null && _time.GetUtcNow() - cached.StoredAt <= _ttl)
        {
            return new AgentCacheResult(cached.Body, Stale: false, RefreshFailure: null);
        }

        try
        {
            var body = await Read(key, refreshNow ? null : cached, shared: !refreshNow).WaitAsync(cancellationToken).ConfigureAwait(false);
            return new AgentCacheResult(body, Stale: false, RefreshFailure: null);
        }
        catch (Exception e) when (cached is not null && AgentFailure.From(e, cancellationToken) is { IsTransient: true } failure)
        {
            Store(key, cached.Body, cached.VersionId);
            return new AgentCacheResult(cached.Body, Stale: true, failure);
        }
    }

    /// <summary>One read of <paramref name="key"/>, joined by every concurrent miss when <paramref name="shared"/>.</summary>
    private Task<byte[]> Read(AgentCacheKey key, Entry? expired, bool shared)
    {
        if (!shared)
        {
            return ReadAsync(key, expired, shared: false);
        }

        lock (_lock)
        {
            if (!_reading.TryGetValue(key, out var running))
            {
                _reading[key] = running = ReadAsync(key, expired, shared: true);
            }

            return running;
        }
    }

    private async Task<byte[]> ReadAsync(AgentCacheKey key, Entry? expired, bool shared)
    {
        await Task.Yield();
        try
        {
            if (expired?.VersionId is { } version && key.VersionId is null && await StillCarriesAsync(key, version).ConfigureAwait(false))
            {
                Store(key, expired.Body, version);
                return expired.Body;
            }

            var request = new GetSecretValueRequest { SecretId = key.SecretId, VersionId = key.VersionId, VersionStage = key.VersionStage };
            var (value, body) = await _reader.GetSecretValueAsync(request, CancellationToken.None).ConfigureAwait(false);
            Store(key, body, value.VersionId);
            return body;
        }
        finally
        {
            if (shared)
            {
                lock (_lock)
                {
                    _reading.Remove(key);
                }
            }
        }
    }

    private async Task<bool> StillCarriesAsync(AgentCacheKey key, string version)
    {
        var described = await _reader.DescribeSecretAsync(key.SecretId, CancellationToken.None).ConfigureAwait(false);
        var stage = key.VersionStage ?? "AWSCURRENT";
        return described.DeletedDate is null && described.VersionIdsToStages is { } stages &&
               stages.TryGetValue(version, out var labels) && labels.Contains(stage, StringComparer.Ordinal);
    }

    private Entry? Lookup(AgentCacheKey key)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return null;
            }

            _byUse.Remove(node);
            _byUse.AddLast(node);
            return node.Value;
        }
    }

    private void Store(AgentCacheKey key, byte[] body, string? versionId)
    {
        var entry = new Entry(key, body, versionId, _time.GetUtcNow());
        lock (_lock)
        {
            if (_entries.Remove(key, out var old))
            {
                _byUse.Remove(old);
            }

            _entries[key] = _byUse.AddLast(entry);
            while (_entries.Count > _maxEntries && _byUse.First is { } eldest)
            {
                _byUse.RemoveFirst();
                _entries.Remove(eldest.Value.Key);
            }
        }
    }

    private sealed record Entry(AgentCacheKey Key, byte[] Body, string? VersionId, DateTimeOffset StoredAt);
}
