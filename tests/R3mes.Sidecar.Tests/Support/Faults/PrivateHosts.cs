namespace R3mes.Sidecar.Tests.Support.Faults;

/// <summary>
/// A hosts file that only the sidecar sees: the sidecar starts in its own mount namespace (util-linux
/// <c>unshare -m</c>, root) with this file bind-mounted over <c>/etc/hosts</c>, so a test makes a name resolve or
/// fail (a DNS outage) by rewriting the file, without touching the machine's resolver. The file is rewritten in place:
/// the bind mount pins its inode.
/// </summary>
internal sealed class PrivateHosts
{
    private readonly string _path;

    public PrivateHosts(string path)
    {
        _path = path;
        File.WriteAllText(_path, "127.0.0.1 localhost\n");
    }

    /// <summary>Runs the binary with the file over <c>/etc/hosts</c>; pass to <see cref="SidecarProcess.Start(IEnumerable{string}, IReadOnlyDictionary{string, string?}?, string?, IReadOnlyList{string}?)"/>.</summary>
    public IReadOnlyList<string> Launcher =>
        ["unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c", $"mount --bind '{_path}' /etc/hosts && exec \"$0\" \"$@\""];

    /// <summary>Makes <paramref name="name"/> resolve to 127.0.0.1.</summary>
    public void Map(string name) => Rewrite($"127.0.0.1 localhost\n127.0.0.1 {name}\n");

    /// <summary>Makes every name but localhost unresolvable from the file (the resolver then asks DNS, which has no such name).</summary>
    public void Clear() => Rewrite("127.0.0.1 localhost\n");

    private void Rewrite(string text)
    {
        using var stream = new FileStream(_path, FileMode.Open, FileAccess.Write);
        stream.SetLength(0);
        var bytes = System.Text.Encoding.ASCII.GetBytes(text);
        stream.Write(bytes);
    }
}
