using System.Security.Cryptography;

namespace R3mes.Secrets.Watching;

/// <summary>SHA-256 of each file, so a watcher remembers what it saw without keeping the secrets.</summary>
internal sealed class SecretFingerprints
{
    private readonly Dictionary<string, byte[]> _hashes;

    public SecretFingerprints(IReadOnlyDictionary<string, byte[]> contents)
    {
        _hashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (name, content) in contents)
            _hashes[name] = SHA256.HashData(content);
    }

    /// <summary>Names added, removed or modified since <paramref name="before"/>, in ordinal order.</summary>
    public IReadOnlyList<string> ChangedSince(SecretFingerprints before)
    {
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (name, hash) in _hashes)
        {
            if (!before._hashes.TryGetValue(name, out var old) || !hash.AsSpan().SequenceEqual(old))
                changed.Add(name);
        }
        foreach (var name in before._hashes.Keys)
        {
            if (!_hashes.ContainsKey(name))
                changed.Add(name);
        }
        return [.. changed];
    }
}
