namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// Tells a file this process creates (it did not exist before the process's first write of it: a cold start's first
/// render) from a file that changed. Only the first write of each name looks at the disk; every later write of it is
/// a change, even if someone deleted the file in between.
/// </summary>
internal sealed class FirstWrites(string directory)
{
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Call before writing <paramref name="name"/>: true when this write would create it for the first time.</summary>
    public bool WouldCreate(string name)
    {
        lock (_gate)
        {
            if (_known.Contains(name))
            {
                return false;
            }
        }

        return !Path.Exists(Path.Combine(directory, name));
    }

    /// <summary>Call once <paramref name="name"/> was written, found equal or kept: it exists now.</summary>
    public void Seen(string name)
    {
        lock (_gate)
        {
            _known.Add(name);
        }
    }
}
