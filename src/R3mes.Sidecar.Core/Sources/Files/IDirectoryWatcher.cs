namespace R3mes.Sidecar.Sources.Files;

/// <summary>
/// Tells file sources when a directory they read may have changed. One for the whole process: however many
/// secrets read files, the sidecar holds one inotify instance, one thread, and one watch per directory.
/// </summary>
public interface IDirectoryWatcher
{
    /// <summary>
    /// Calls <paramref name="changed"/> (from any thread) after <paramref name="entry"/> in
    /// <paramref name="directory"/> — or any entry when it is null — may have changed. Never throws: a directory
    /// that cannot be watched is polled instead. Dispose the result to stop.
    /// </summary>
    IDisposable Watch(string directory, string? entry, Action changed);
}
