using System.Globalization;
using System.Text;

namespace R3mes.Sidecar.Actions.Signal;

/// <summary>
/// The process whose pid a pidfile holds, read at every run. The file must hold one positive integer (surrounding
/// whitespace allowed); only its first bytes are read and its content never appears in a message, so a pidfile
/// pointed at a secret by mistake does not leak it.
/// </summary>
internal sealed class PidFileTarget(string path) : ISignalTarget
{
    private const int MaxBytes = 32;

    public string Description => $"the pid in {path}";

    public IReadOnlyList<int> Find()
    {
        var text = Read();
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 0)
        {
            throw new ActionFailedException($"pidfile {path} does not hold a process id: it must contain one positive integer");
        }

        return pid == Environment.ProcessId
            ? throw new ActionFailedException($"pidfile {path} holds the sidecar's own pid {pid}: point process.pidfile at the consumer's pidfile")
            : [pid];
    }

    private string Read()
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
            var buffer = new byte[MaxBytes];
            var count = stream.ReadAtLeast(buffer, MaxBytes, throwOnEndOfStream: false);
            return count == MaxBytes ? "" : Encoding.ASCII.GetString(buffer, 0, count);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ActionFailedException($"pidfile {path} does not exist: start the process, or fix process.pidfile", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ActionFailedException($"cannot read pidfile {path}: {e.Message}", e);
        }
    }
}
