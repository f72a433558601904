using System.Runtime.InteropServices;

namespace R3mes.Sidecar.Tests.Files;

/// <summary>
/// Uses up every inotify instance the kernel allows one user (<c>fs.inotify.max_user_instances</c>, 128 by
/// default) — for a spare uid, not for root, so nothing else on the machine is starved. The instances are charged
/// to the effective uid of the thread that creates them: a short-lived thread switches only its own effective
/// uid with the raw setresuid system call (glibc's wrapper would switch every thread of the test process),
/// creates instances until the kernel says EMFILE, and switches back. Dispose closes them, giving them back.
/// </summary>
internal sealed class InotifyExhaustion : IDisposable
{
    private const int EMFILE = 24;
    private const int InotifyCloexec = 0x80000;
    private readonly List<int> _descriptors = [];

    private InotifyExhaustion(uint uid) => Uid = uid;

    public uint Uid { get; }

    public int Held => _descriptors.Count;

    public static InotifyExhaustion For(uint uid)
    {
        var exhaustion = new InotifyExhaustion(uid);
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                exhaustion.Fill();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            exhaustion.Dispose();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return exhaustion;
    }

    public void Dispose()
    {
        foreach (var fd in _descriptors)
        {
            _ = close(fd);
        }

        _descriptors.Clear();
    }

    private void Fill()
    {
        SetEffectiveUid(Uid);
        try
        {
            while (true)
            {
                var fd = inotify_init1(InotifyCloexec);
                if (fd >= 0)
                {
                    _descriptors.Add(fd);
                    continue;
                }

                var errno = Marshal.GetLastPInvokeError();
                Assert.True(errno == EMFILE, $"inotify_init1 failed with errno {errno}, expected EMFILE after {_descriptors.Count} instances");
                return;
            }
        }
        finally
        {
            SetEffectiveUid(0);
        }
    }

    private static void SetEffectiveUid(uint uid)
    {
        long number = RuntimeInformation.ProcessArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => 117,
            System.Runtime.InteropServices.Architecture.Arm64 => 147,
            var other => throw new PlatformNotSupportedException($"no setresuid syscall number for {other}"),
        };
        if (syscall(number, -1, uid, -1) != 0)
        {
            throw new InvalidOperationException($"setresuid(-1, {uid}, -1) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern long syscall(long number, long ruid, long euid, long suid);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int inotify_init1(int flags);

    [DllImport("libc", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int close(int fd);
}
