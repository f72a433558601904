namespace R3mes.Sidecar.Sources.Files;

/// <summary>One file source's interest in a directory (or one entry of it). Disposing it ends the interest.</summary>
internal sealed class DirectorySubscription(DirectoryWatcher owner, string directory, string? entry, Action changed) : IDisposable
{
    public string Directory { get; } = directory;

    public string? Entry { get; } = entry;

    public Action Changed { get; } = changed;

    /// <summary>The inotify watch serving it, or null while it is polled. Guarded by the owner's lock.</summary>
    public int? Watch { get; set; }

    /// <summary>
    /// Whether an event for <paramref name="name"/> concerns this subscription. Kubernetes updates a secret volume by
    /// swapping the <c>..data</c> link, so <c>..</c> names concern every entry.
    /// </summary>
    public bool Concerns(string? name) =>
        Entry is null || name is null || name == Entry || name.StartsWith("..", StringComparison.Ordinal);

    public void Dispose() => owner.Unsubscribe(this);
}
