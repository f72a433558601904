namespace R3mes.Secrets.Watching;

/// <summary>Names whose content changed (added, modified or removed) and the directory's contents after the change.</summary>
internal sealed record SecretDirectoryChange(IReadOnlyList<string> Names, IReadOnlyDictionary<string, byte[]> Contents);
