using System.Text;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// Writes a credentials file for a sidecar: its directory made 0700, the file created 0600 from the start (never
/// briefly readable by others) under a temporary name, flushed, then renamed over the target.
/// </summary>
internal static class CredentialFile
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static void Write(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(path)!;
        foreach (var dir in new[] { Path.GetDirectoryName(directory)!, directory })
        {
            if (!Directory.Exists(dir))
            {
                Directory.CreateDirectory(dir, DirectoryMode);
            }
        }

        var staging = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)}.tmp");
        try
        {
            using (var stream = new FileStream(staging, new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = FileMode,
            }))
            {
                stream.Write(content);
                stream.Write("\n"u8);
                stream.Flush(flushToDisk: true);
            }

            File.Move(staging, path, overwrite: true);
        }
        catch
        {
            File.Delete(staging);
            throw;
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static void Write(string path, string content) => Write(path, Encoding.UTF8.GetBytes(content));
}
