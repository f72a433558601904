using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Core.Tests.Output;
using R3mes.Sidecar.Sources.Files;

namespace R3mes.Sidecar.Core.Tests.Sources.Files;

/// <summary>The real kernel: one inotify instance for many directories, events delivered, and a clean stop.</summary>
public sealed class InotifyInstanceTests : IDisposable
{
    private readonly TempDirectory _dir = TempDirectory.Create();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Watch_FortySecretsInTwentyDirectories_OneInotifyInstanceAndEveryChangeArrives()
    {
        var before = InotifyDescriptors();
        using var watcher = new DirectoryWatcher(TimeProvider.System, NullLogger<DirectoryWatcher>.Instance);
        var changed = Enumerable.Range(0, 40).Select(_ => new ManualResetEventSlim()).ToArray();
        var subscriptions = new List<IDisposable>();
        for (var i = 0; i < 40; i++)
        {
            var directory = _dir.File($"d{i % 20}");
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, $"s{i}"), "one");
            subscriptions.Add(watcher.Watch(directory, $"s{i}", changed[i].Set));
        }

        Assert.Equal(before + 1, InotifyDescriptors());
        for (var i = 0; i < 40; i++)
        {
            File.WriteAllText(Path.Combine(_dir.File($"d{i % 20}"), $"s{i}"), "two");
        }

        Assert.All(changed, (c, i) => Assert.True(c.Wait(TimeSpan.FromSeconds(10)), $"no notification for s{i} within 10 s"));
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        watcher.Dispose();
        Assert.Equal(before, InotifyDescriptors());
    }

    [Fact]
    public void Parse_TwoEvents_WatchMaskAndNamesWithoutPadding()
    {
        var bytes = new byte[16 + 16 + 16];
        BitConverter.TryWriteBytes(bytes.AsSpan(0), 7);
        BitConverter.TryWriteBytes(bytes.AsSpan(4), 0x8u);
        BitConverter.TryWriteBytes(bytes.AsSpan(12), 16u);
        "jwt_secret.txt"u8.CopyTo(bytes.AsSpan(16));
        BitConverter.TryWriteBytes(bytes.AsSpan(32), 9);
        BitConverter.TryWriteBytes(bytes.AsSpan(36), 0x400u);
        var events = new List<WatchEvent>();

        InotifyInstance.Parse(bytes, events.Add);

        Assert.Equal([new WatchEvent(7, 0x8, "jwt_secret.txt"), new WatchEvent(9, 0x400, null)], events);
    }

    /// <summary>Open inotify instances of this process (fds whose link is <c>anon_inode:inotify</c>).</summary>
    private static int InotifyDescriptors() =>
        new DirectoryInfo("/proc/self/fd").GetFileSystemInfos()
            .Count(fd => fd.LinkTarget is "anon_inode:inotify");
}
