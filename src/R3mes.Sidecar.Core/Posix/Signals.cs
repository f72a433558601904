namespace R3mes.Sidecar.Posix;

/// <summary>Signal names operators write (<c>SIGHUP</c>, <c>HUP</c>, <c>hup</c>) and their Linux numbers.</summary>
public static class Signals
{
    private static readonly Dictionary<string, int> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SIGHUP"] = 1, ["SIGINT"] = 2, ["SIGQUIT"] = 3, ["SIGKILL"] = 9, ["SIGUSR1"] = 10,
        ["SIGUSR2"] = 12, ["SIGTERM"] = 15, ["SIGCONT"] = 18, ["SIGSTOP"] = 19, ["SIGWINCH"] = 28,
    };

    public const int Hangup = 1;
    public const int Interrupt = 2;
    public const int Kill = 9;
    public const int Terminate = 15;

    public static IEnumerable<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out int signal)
    {
        signal = 0;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var key = name.Trim();
        return ByName.TryGetValue(key.StartsWith("SIG", StringComparison.OrdinalIgnoreCase) ? key : "SIG" + key, out signal);
    }

    public static string Name(int signal) =>
        ByName.FirstOrDefault(p => p.Value == signal).Key ?? signal.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>kill(2). Returns false when no such process exists.</summary>
    public static bool Send(int pid, int signal)
    {
        if (Libc.Kill(pid, signal) == 0)
        {
            return true;
        }

        var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        return errno == Libc.ESRCH ? false : throw new PosixException("kill", errno, $"pid {pid}");
    }
}
