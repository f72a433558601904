using R3mes.Sidecar.Operator.Store;

namespace R3mes.Sidecar.Operator.Backup;

/// <summary>
/// <c>secrets restore</c>: decrypts and checks the whole archive, then checks every file against the directory,
/// and only then writes — a wrong key, an altered byte or a conflict writes nothing. Modes come back as they were.
/// </summary>
internal sealed class RestoreOperation(TextWriter output)
{
    private const UnixFileMode GroupOrOtherWrite = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    public void Run(string archiveFile, string directory, ArchiveKey key, bool force)
    {
        byte[] archive;
        try
        {
            archive = File.ReadAllBytes(archiveFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException($"cannot read {archiveFile} ({e.GetType().Name})");
        }

        var entries = BackupArchive.Open(archive, key);
        var store = SecretDirectory.Open(directory, create: true);
        foreach (var entry in entries)
        {
            if (!force && store.Read(entry.Name) is { } existing && !existing.Equals(entry.Content))
            {
                throw new OperatorException($"{store.PathOf(entry.Name)} exists with another value: nothing was restored; pass --force to replace it");
            }
        }

        foreach (var entry in entries)
        {
            store.Write(entry.Name, entry.Content, replace: true, mode: entry.Mode & ~GroupOrOtherWrite);
            output.WriteLine($"restored {entry.Name} ({Convert.ToString((int)entry.Mode, 8).PadLeft(4, '0')})");
        }
    }
}
