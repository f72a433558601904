using System.Runtime.InteropServices;
using System.Text;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Sources.Files;

/// <summary>
/// One inotify instance read by one thread. The thread sleeps in poll(2) on the instance and on an eventfd that
/// <see cref="Dispose"/> writes to, so stopping never depends on an event arriving. Events are handed out one by
/// one on that thread; if reading fails the thread reports it once and ends.
/// </summary>
internal sealed unsafe class InotifyInstance : IInotify
{
    private const int BufferSize = 64 * 1024;
    private readonly int _fd;
    private readonly int _wake;
    private readonly Action<WatchEvent> _received;
    private readonly Action<Exception> _failed;
    private readonly Thread _thread;
    private int _disposed;

    private InotifyInstance(int fd, int wake, Action<WatchEvent> received, Action<Exception> failed)
    {
        (_fd, _wake, _received, _failed) = (fd, wake, received, failed);
        _thread = new Thread(Run) { IsBackground = true, Name = "r3mes file watch" };
    }

    public static IInotify Open(Action<WatchEvent> received, Action<Exception> failed)
    {
        var fd = Inotify.Init(Inotify.CloseOnExec | Inotify.NonBlock);
        if (fd < 0)
        {
            throw new PosixException("inotify_init1", Marshal.GetLastPInvokeError());
        }

        var wake = Inotify.EventFd(0, Inotify.CloseOnExec | Inotify.NonBlock);
        if (wake < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = Libc.Close(fd);
            throw new PosixException("eventfd", errno);
        }

        var instance = new InotifyInstance(fd, wake, received, failed);
        instance._thread.Start();
        return instance;
    }

    public int Add(string directory)
    {
        var watch = Inotify.AddWatch(_fd, directory, Inotify.DirectoryChanges);
        return watch >= 0 ? watch : throw new PosixException("inotify_add_watch", Marshal.GetLastPInvokeError(), directory);
    }

    public void Remove(int watch) => _ = Inotify.RemoveWatch(_fd, watch);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ulong one = 1;
        _ = Inotify.Write(_wake, (byte*)&one, sizeof(ulong));
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join();
        }

        _ = Libc.Close(_fd);
        _ = Libc.Close(_wake);
    }

    /// <summary>Walks the <c>struct inotify_event</c> records of one read: wd, mask, cookie, len, then len bytes of NUL-padded name.</summary>
    internal static void Parse(ReadOnlySpan<byte> events, Action<WatchEvent> received)
    {
        var offset = 0;
        while (offset + Inotify.EventHeaderSize <= events.Length)
        {
            var header = events.Slice(offset, Inotify.EventHeaderSize);
            var watch = MemoryMarshal.Read<int>(header);
            var mask = MemoryMarshal.Read<uint>(header[4..]);
            var length = (int)MemoryMarshal.Read<uint>(header[12..]);
            var name = events.Slice(offset + Inotify.EventHeaderSize, Math.Min(length, events.Length - offset - Inotify.EventHeaderSize));
            var end = name.IndexOf((byte)0);
            received(new WatchEvent(watch, mask, length == 0 ? null : Encoding.UTF8.GetString(end < 0 ? name : name[..end])));
            offset += Inotify.EventHeaderSize + length;
        }
    }

    private void Run()
    {
        try
        {
            var buffer = new byte[BufferSize];
            while (WaitForEvents())
            {
                nint read;
                fixed (byte* start = buffer)
                {
                    read = Inotify.Read(_fd, start, BufferSize);
                }

                if (read < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno is Inotify.EAGAIN or Inotify.EINTR)
                    {
                        continue;
                    }

                    throw new PosixException("read", errno, "inotify");
                }

                Parse(buffer.AsSpan(0, (int)read), _received);
            }
        }
        catch (Exception e)
        {
            _failed(e);
        }
    }

    /// <summary>Sleeps until the instance has events (true) or <see cref="Dispose"/> asked the thread to end (false).</summary>
    private bool WaitForEvents()
    {
        var fds = stackalloc Inotify.PollFd[2];
        while (true)
        {
            fds[0] = new Inotify.PollFd { Fd = _fd, Events = Inotify.PollIn };
            fds[1] = new Inotify.PollFd { Fd = _wake, Events = Inotify.PollIn };
            if (Inotify.Poll(fds, 2, -1) < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Inotify.EINTR)
                {
                    continue;
                }

                throw new PosixException("poll", errno, "inotify");
            }

            if (fds[1].Revents != 0)
            {
                return false;
            }

            if (fds[0].Revents != 0)
            {
                return true;
            }
        }
    }
}
