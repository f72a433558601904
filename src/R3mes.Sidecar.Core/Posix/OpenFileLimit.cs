namespace R3mes.Sidecar.Posix;

/// <summary>RLIMIT_NOFILE: how many file descriptors this process may hold.</summary>
internal static class OpenFileLimit
{
    /// <summary>Raises the soft limit to the hard one (allowed without privilege) and returns the soft limit then in force.</summary>
    public static unsafe ulong RaiseToHard()
    {
        var limits = stackalloc ulong[2];
        if (Libc.GetRLimit(Libc.RLimitNoFile, limits) != 0)
        {
            throw new PosixException("getrlimit", System.Runtime.InteropServices.Marshal.GetLastPInvokeError(), "RLIMIT_NOFILE");
        }

        if (limits[0] < limits[1])
        {
            var soft = limits[0];
            limits[0] = limits[1];
            if (Libc.SetRLimit(Libc.RLimitNoFile, limits) != 0)
            {
                return soft;
            }
        }

        return limits[0];
    }

    /// <summary>File descriptors open now (the entries of <c>/proc/self/fd</c>); 0 when that cannot be read.</summary>
    public static int InUse()
    {
        try
        {
            return Math.Max(0, System.IO.Directory.EnumerateFileSystemEntries("/proc/self/fd").Count() - 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
