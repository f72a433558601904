using System.Security.Cryptography;

namespace R3mes.Secrets.Reading;

/// <summary>Reads a secret file with a size limit, turning failures into a reason fit for a message.</summary>
internal static class SecretFile
{
    /// <summary>Kubernetes limits a secret to 1 MiB; anything larger is not a secret file.</summary>
    public const int MaxBytes = 1024 * 1024;

    public static SecretFileRead Read(string path)
    {
        try
        {
            if (Directory.Exists(path))
                return SecretFileRead.Unreadable("is a directory");
            using var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.ReadWrite | FileShare.Delete,
                BufferSize = 0,
            });
            return ReadLimited(stream);
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

    private static SecretFileRead ReadLimited(FileStream stream)
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
                var read = stream.Read(buffer, length, buffer.Length - length);
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
