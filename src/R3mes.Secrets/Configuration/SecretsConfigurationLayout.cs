namespace R3mes.Secrets.Configuration;

/// <summary>Which secrets become which keys: every valid file name of the directory plus the listed keys.</summary>
internal sealed class SecretsConfigurationLayout(string keyPrefix, IReadOnlyList<SecretKey> keys)
{
    /// <summary>The keys to look up, listed ones first; a directory file not listed gets a key from its name.</summary>
    public IEnumerable<SecretKey> KeysFor(IEnumerable<string> directoryNames)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (listed.Add(key.FileName))
                yield return key;
        }
        foreach (var name in directoryNames.Order(StringComparer.Ordinal))
        {
            if (!listed.Contains(name))
                yield return SecretKey.Create(name);
        }
    }

    public string ConfigurationKey(SecretKey key) => SecretConfigurationKey.For(keyPrefix, key.FileName);
}
