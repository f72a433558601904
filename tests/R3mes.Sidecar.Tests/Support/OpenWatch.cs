using System.Runtime.InteropServices;
using System.Text;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// Counts opens (inotify IN_OPEN) of files: of one path (a FIFO, a device node), or of every file in a watched
/// directory, by name. The kernel reports an open of any kind of file, by any process, before a byte is read, so
/// "never opened" is observable. Read with <see cref="Drain"/>: the descriptor is non-blocking.
/// </summary>
internal sealed class OpenWatch : IDisposable
{
    private const uint InOpen = 0x20;
    private const int NonBlockCloseOnExec = 0x800 | 0x80000;
    private readonly int _fd;
    private readonly Dictionary<int, string> _watches = [];
    private readonly Dictionary<string, int> _opens = new(StringComparer.Ordinal);

    public OpenWatch(params string[] paths)
    {
        _fd = inotify_init1(NonBlockCloseOnExec);
        if (_fd < 0)
        {
            throw new IOException($"inotify_init1 failed with errno {Marshal.GetLastPInvokeError()}");
        }

        foreach (var path in paths)
        {
            var wd = inotify_add_watch(_fd, path, InOpen);
            if (wd < 0)
            {
                throw new IOException($"inotify_add_watch({path}) failed with errno {Marshal.GetLastPInvokeError()}");
            }

            _watches[wd] = path;
        }
    }

    /// <summary>Opens seen so far of <paramref name="path"/> (a watched path, or watched directory + "/" + name).</summary>
    public int Opens(string path)
    {
        Drain();
        return _opens.GetValueOrDefault(path);
    }

    /// <summary>Every open seen so far, of any watched file.</summary>
    public int Total
    {
        get
        {
            Drain();
            return _opens.Values.Sum();
        }
    }

    public void Dispose() => _ = close(_fd);

    private void Drain()
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = (int)read_events(_fd, buffer, buffer.Length);
            if (read <= 0)
            {
                return;
            }

            for (var offset = 0; offset < read;)
            {
                var wd = BitConverter.ToInt32(buffer, offset);
                var mask = BitConverter.ToUInt32(buffer, offset + 4);
                var length = BitConverter.ToInt32(buffer, offset + 12);
                var name = Encoding.UTF8.GetString(buffer, offset + 16, length).TrimEnd('\0');
                if ((mask & InOpen) != 0 && _watches.TryGetValue(wd, out var watched))
                {
                    var key = name.Length == 0 ? watched : Path.Combine(watched, name);
                    _opens[key] = _opens.GetValueOrDefault(key) + 1;
                }

                offset += 16 + length;
            }
        }
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int inotify_init1(int flags);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int inotify_add_watch(int fd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mask);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern nint read_events(int fd, byte[] buffer, nint count);

    [DllImport("libc")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int close(int fd);
}
