using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using R3mes.Secrets.Reading;
using R3mes.Secrets.Watching;

namespace R3mes.Secrets;

/// <summary>
/// A <see cref="ISecretReader"/> for hot paths (JWT validation, every request): the first read of a key goes to disk
/// (or the environment) and its outcome, value or failure, is kept until the <see cref="SecretWatcher"/> reports that
/// the key's file changed, appeared or disappeared. No disk read per call while nothing changed. Values found through
/// <c>$NAME_FILE</c> or <c>$NAME</c> stay until the directory file of the same name changes: the environment and
/// files outside the secrets directory are not watched. Thread-safe.
/// </summary>
public sealed class CachedSecretReader : ISecretReader, IDisposable
{
    private readonly SecretLookup _lookup;
    private readonly SecretWatcher _watcher;
    private readonly ConcurrentDictionary<SecretKey, SecretLookupResult> _cache = new();
    private readonly Lock _gate = new();
    private long _generation;

    /// <param name="options">Where and how to look, as for <see cref="SecretReader"/>.</param>
    /// <param name="watcher">Watches the same directory; not disposed by this reader.</param>
    /// <exception cref="ArgumentException">The watcher watches another directory.</exception>
    public CachedSecretReader(SecretReaderOptions options, SecretWatcher watcher)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(watcher);
        _lookup = options.CreateLookup();
        if (!string.Equals(Path.GetFullPath(_lookup.Directory), Path.GetFullPath(watcher.Directory), StringComparison.Ordinal))
            throw new ArgumentException(
                $"the watcher watches '{watcher.Directory}' but the reader reads '{_lookup.Directory}'", nameof(watcher));
        _watcher = watcher;
        _watcher.Invalidating += OnChanged;
    }

    /// <inheritdoc />
    public string Directory => _lookup.Directory;

    /// <inheritdoc />
    public string Get(SecretKey key) => Find(key).Text();

    /// <inheritdoc />
    public byte[] GetBytes(SecretKey key) => (byte[])Find(key).Bytes().Clone();

    /// <inheritdoc />
    public bool TryGet(SecretKey key, [NotNullWhen(true)] out string? value) => Find(key).TryText(out value);

    /// <inheritdoc />
    public async ValueTask<string> GetAsync(SecretKey key, CancellationToken cancellationToken = default) =>
        (await FindAsync(key, cancellationToken).ConfigureAwait(false)).Text();

    /// <inheritdoc />
    public async ValueTask<byte[]> GetBytesAsync(SecretKey key, CancellationToken cancellationToken = default) =>
        (byte[])(await FindAsync(key, cancellationToken).ConfigureAwait(false)).Bytes().Clone();

    public void Dispose() => _watcher.Invalidating -= OnChanged;

    private SecretLookupResult Find(SecretKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_cache.TryGetValue(key, out var cached))
            return cached;
        var generation = Volatile.Read(ref _generation);
        return Keep(generation, _lookup.Find(key));
    }

    private async ValueTask<SecretLookupResult> FindAsync(SecretKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_cache.TryGetValue(key, out var cached))
            return cached;
        var generation = Volatile.Read(ref _generation);
        return Keep(generation, await _lookup.FindAsync(key, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Caches a result unless a change arrived while it was read (it may predate the change).</summary>
    private SecretLookupResult Keep(long generation, SecretLookupResult result)
    {
        lock (_gate)
        {
            if (_generation == generation)
                _cache[result.Key] = result;
        }
        return result;
    }

    private void OnChanged(IReadOnlyList<string> names)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var key in _cache.Keys)
            {
                if (names.Contains(key.FileName, StringComparer.Ordinal))
                    _cache.TryRemove(key, out _);
            }
        }
    }
}
