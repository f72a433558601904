namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// A directory outside the output root holding files an attacker on the shared volume would like the sidecar to
/// write: <see cref="AssertUntouched"/> proves 0 writes outside the root — the same entries, each with the same
/// bytes, mode, owner, inode and modification time (to the nanosecond) as when the decoy was made.
/// </summary>
internal sealed class Decoy
{
    private readonly Dictionary<string, (FileStatus Status, byte[] Bytes)> _before;

    public Decoy(TempWorkspace workspace)
    {
        Root = workspace.PathOf("decoy");
        Directory.CreateDirectory(Root);
        Victim = Path.Combine(Root, "victim");
        File.WriteAllText(Victim, "decoy bytes the sidecar must never write\n");
        File.SetUnixFileMode(Victim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Directory.CreateDirectory(Path.Combine(Root, "out"));
        _before = Snapshot();
    }

    public string Root { get; }

    /// <summary>A regular file (mode 0644) a symlink or hard link planted in the output directory points to.</summary>
    public string Victim { get; }

    public void AssertUntouched()
    {
        var after = Snapshot();
        Assert.Equal(_before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (path, (status, bytes)) in _before)
        {
            Assert.Equal(status, after[path].Status);
            Assert.Equal(bytes, after[path].Bytes);
        }
    }

    private Dictionary<string, (FileStatus Status, byte[] Bytes)> Snapshot() =>
        Directory.EnumerateFileSystemEntries(Root, "*", SearchOption.AllDirectories).Append(Root)
            .ToDictionary(p => p, p => (FileStatus.Of(p), File.Exists(p) ? File.ReadAllBytes(p) : []), StringComparer.Ordinal);
}
