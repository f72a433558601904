namespace R3mes.Secrets.Watching;

/// <summary>The secrets (file names) whose content changed, appeared or disappeared.</summary>
public sealed class SecretsChangedEventArgs : EventArgs
{
    internal SecretsChangedEventArgs(IReadOnlyList<string> names) => Names = names;

    /// <summary>Changed file names in ordinal order, e.g. <c>postgres_password</c>, <c>postgres_user</c>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Whether <paramref name="key"/>'s file is among the changed ones.</summary>
    public bool Contains(SecretKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Names.Contains(key.FileName, StringComparer.Ordinal);
    }
}
