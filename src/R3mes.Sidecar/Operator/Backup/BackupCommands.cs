using System.CommandLine;

namespace R3mes.Sidecar.Operator.Backup;

internal static class BackupCommands
{
    public static Command Backup(Option<string> dir)
    {
        var outFile = new Option<string>("--out") { Description = "The archive to write (0600).", Required = true };
        var (passphrase, keyFile, force) = KeyOptions("Replace an existing archive.");
        var command = new Command("backup", "Encrypt every file of the secrets directory into one archive (AES-256-GCM; key from a passphrase via Argon2id, or a key file).")
        {
            outFile, passphrase, keyFile, force,
        };
        command.SetAction((result, _) => OperatorAction.RunAsync(() =>
            new BackupOperation(Console.Out).Run(
                result.GetValue(dir)!, result.GetValue(outFile)!,
                KeySource.Resolve(result.GetValue(passphrase), result.GetValue(keyFile), sealing: true),
                result.GetValue(force), KdfParameters.Default)));
        return command;
    }

    public static Command Restore(Option<string> dir)
    {
        var archive = new Argument<string>("FILE") { Description = "The archive made by 'secrets backup'." };
        var (passphrase, keyFile, force) = KeyOptions("Replace files that hold another value.");
        var command = new Command("restore", "Check and decrypt a backup, then restore its files and modes into the secrets directory; on any failure nothing is written.")
        {
            archive, passphrase, keyFile, force,
        };
        command.SetAction((result, _) => OperatorAction.RunAsync(() =>
            new RestoreOperation(Console.Out).Run(
                result.GetValue(archive)!, result.GetValue(dir)!,
                KeySource.Resolve(result.GetValue(passphrase), result.GetValue(keyFile), sealing: false),
                result.GetValue(force))));
        return command;
    }

    private static (Option<string?> Passphrase, Option<string?> KeyFile, Option<bool> Force) KeyOptions(string force) => (
        new Option<string?>("--passphrase-file") { Description = $"A file holding the passphrase (or set {KeySource.PassphraseVariable})." },
        new Option<string?>("--key-file") { Description = "A file holding 32 random bytes (raw, hex or base64)." },
        new Option<bool>("--force") { Description = force });
}
