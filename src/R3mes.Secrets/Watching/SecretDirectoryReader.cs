using R3mes.Secrets.Reading;

namespace R3mes.Secrets.Watching;

/// <summary>
/// Reads every secret file of a directory. Skips names starting with '.' (the sidecar's <c>.name.tmp-XXXX</c>
/// files, Kubernetes <c>..data</c> entries), invalid names, directories and symlinks to directories, and files
/// that cannot be read. Symlinks to files are followed (Kubernetes projects secrets that way).
/// </summary>
internal static class SecretDirectoryReader
{
    private static readonly EnumerationOptions Enumeration = new() { AttributesToSkip = 0, IgnoreInaccessible = true };

    /// <summary>Name to raw bytes, or null when the directory is missing or cannot be listed.</summary>
    public static Dictionary<string, byte[]>? Read(string directory)
    {
        try
        {
            var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", Enumeration))
            {
                var name = Path.GetFileName(path);
                if (!SecretName.IsValid(name) || Directory.Exists(path))
                    continue;
                var file = SecretFile.Read(path);
                if (file.Content is not null)
                    contents[name] = file.Content;
            }
            return contents;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
