using R3mes.Sidecar.Posix;
using R3mes.Sidecar.Sources.Files;

namespace R3mes.Sidecar.Core.Tests.Sources.Files;

/// <summary>An inotify instance that refuses watches with <see cref="AddErrno"/> when set, and can deliver events or fail its thread on demand.</summary>
internal sealed class FakeInotify(Action<WatchEvent> received, Action<Exception> failed) : IInotify
{
    private int _next = 1;

    public int? AddErrno { get; set; }

    public Dictionary<string, int> Watches { get; } = new(StringComparer.Ordinal);

    public List<int> Removed { get; } = [];

    public bool Disposed { get; private set; }

    public int Add(string directory)
    {
        if (AddErrno is { } errno)
        {
            throw new PosixException("inotify_add_watch", errno, directory);
        }

        if (!Watches.TryGetValue(directory, out var watch))
        {
            Watches[directory] = watch = _next++;
        }

        return watch;
    }

    public void Remove(int watch) => Removed.Add(watch);

    public void Deliver(string directory, string? name, uint mask = Inotify.CloseWrite) => received(new WatchEvent(Watches[directory], mask, name));

    public void FailThread(Exception error) => failed(error);

    public void Dispose() => Disposed = true;
}
