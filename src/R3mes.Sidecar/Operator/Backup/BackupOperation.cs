using R3mes.Sidecar.Operator.Store;
using R3mes.Sidecar.Output;

namespace R3mes.Sidecar.Operator.Backup;

/// <summary><c>secrets backup</c>: every file of the secrets directory, with its mode, into one encrypted archive (0600).</summary>
internal sealed class BackupOperation(TextWriter output)
{
    public void Run(string directory, string outFile, ArchiveKey key, bool force, KdfParameters parameters)
    {
        var store = SecretDirectory.Open(directory, create: false);
        var entries = store.List().Select(name => new ArchiveEntry(name, store.ModeOf(name), store.Read(name)!)).ToArray();
        if (entries.Length == 0)
        {
            throw new OperatorException($"{directory} holds no file to back up");
        }

        var archive = BackupArchive.Seal(entries, key, parameters);
        var full = Path.GetFullPath(outFile);
        var target = SecretDirectory.ProjectDirectory(Path.GetDirectoryName(full)!);
        if (target.Write(Path.GetFileName(full), R3mes.Sidecar.Secrets.SecretValue.FromBytes(archive), replace: force) == WriteOutcome.KeptExisting)
        {
            throw new OperatorException($"{outFile} exists: nothing was written; pass --force to replace it");
        }

        output.WriteLine($"backed up {entries.Length} files ({string.Join(", ", entries.Select(e => e.Name))}) to {outFile} (0600, AES-256-GCM{(key.IsPassphrase ? ", Argon2id" : ", key file")})");
    }
}
