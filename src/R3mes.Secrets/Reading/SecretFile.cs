using System.Security.Cryptography;

namespace R3mes.Secrets.Reading;

/// <summary>Reads a secret file with a size limit, turning failures into a reason fit for a message.</summary>
internal static class SecretFile
{
    /// <summary>Kubernetes limits a secret to 1 MiB; anything larger is not a secret file.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static SecretFileRead Read(string path)
    {
        var read = ReadAsync(path, async: false, CancellationToken.None);
        // With async: false every await below completes synchronously.
        return read.IsCompletedSuccessfully ? read.Result : read.AsTask().GetAwaiter().GetResult();
    }

    /// <param name="async">False: plain blocking reads, and the returned task is already complete.</param>
    public static async ValueTask<SecretFileRead> ReadAsync(string path, bool async, CancellationToken cancellationToken)
    {
        try
        {
            if (Directory.Exists(path))
                return SecretFileRead.Unreadable("is a directory");
            var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
                Options = async ? FileOptions.Asynchronous : FileOptions.None,
            });
            await using (stream.ConfigureAwait(false))
                return await ReadLimitedAsync(stream, async, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return SecretFileRead.Missing;
        }
        catch (UnauthorizedAccessException)
        {
            return SecretFileRead.Unreadable("permission denied");
        }
        catch (IOException)
        {
            return SecretFileRead.Unreadable("I/O error");
        }
    }

    private static async ValueTask<SecretFileRead> ReadLimitedAsync(FileStream stream, bool async, CancellationToken cancellationToken)
    {
        var buffer = new byte[stream.CanSeek ? (int)Math.Min(stream.Length + 1, MaxBytes + 1) : 4096];
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > MaxBytes)
                        return SecretFileRead.Unreadable("larger than 1 MiB");
                    var larger = new byte[Math.Min(length * 2, MaxBytes + 1)];
                    buffer.CopyTo(larger, 0);
                    CryptographicOperations.ZeroMemory(buffer);
                    buffer = larger;
                }
                var read = async
                    ? await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)
                    : stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                    return SecretFileRead.Read(buffer.AsSpan(0, length).ToArray());
                length += read;
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer);
        }
    }
}
