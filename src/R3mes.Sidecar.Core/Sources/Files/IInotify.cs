namespace R3mes.Sidecar.Sources.Files;

/// <summary>
/// One open inotify instance and the thread that reads it (<see cref="InotifyInstance"/>); an interface so tests
/// can make the kernel refuse. Disposing it stops the thread and closes the instance.
/// </summary>
internal interface IInotify : IDisposable
{
    /// <summary>inotify_add_watch on a directory: its watch descriptor (the same again for a directory already watched). Throws <see cref="Posix.PosixException"/>.</summary>
    int Add(string directory);

    void Remove(int watch);
}
