using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Backup;

/// <summary>The key options of backup and restore: exactly one of a passphrase file, <c>R3MES_BACKUP_PASSPHRASE</c>, or a key file.</summary>
internal static class KeySource
{
    public const string PassphraseVariable = "R3MES_BACKUP_PASSPHRASE";

    public static ArchiveKey Resolve(string? passphraseFile, string? keyFile, bool sealing)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(PassphraseVariable);
        var given = (passphraseFile is null ? 0 : 1) + (keyFile is null ? 0 : 1);
        if (given > 1 || (given == 0 && string.IsNullOrEmpty(fromEnvironment)))
        {
            throw OperatorException.Usage($"give exactly one of --passphrase-file FILE, --key-file FILE or {PassphraseVariable}");
        }

        if (keyFile is not null)
        {
            return ArchiveKey.FromKeyFile(ReadFile(keyFile, "--key-file"));
        }

        var text = passphraseFile is not null
            ? System.Text.Encoding.UTF8.GetString(ReadFile(passphraseFile, "--passphrase-file")).TrimEnd('\r', '\n')
            : fromEnvironment!;
        if (sealing && text.Length < ArchiveKey.MinimumPassphraseLength)
        {
            throw OperatorException.Usage($"the passphrase is too short: use at least {ArchiveKey.MinimumPassphraseLength} characters (or a --key-file)");
        }

        return ArchiveKey.FromPassphrase(SecretValue.FromUtf8(text));
    }

    private static byte[] ReadFile(string path, string option)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperatorException($"{option}: cannot read {path} ({e.GetType().Name})");
        }
    }
}
