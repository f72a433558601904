using System.CommandLine;
using R3mes.Sidecar.Operator.Backup;
using R3mes.Sidecar.Operator.Create;
using R3mes.Sidecar.Operator.Export;
using R3mes.Sidecar.Operator.Migrate;
using R3mes.Sidecar.Operator.Rotate;

namespace R3mes.Sidecar.Operator;

/// <summary><c>r3mes-sidecar secrets …</c>: the R3MES guide's operator scripts, made safe (docs/operator-secrets.md).</summary>
internal static class SecretsCommand
{
    public const string DefaultDirectory = "docker/secrets";

    public static Command Create()
    {
        var dir = new Option<string>("--dir")
        {
            Description = "The secrets directory (one NAME.txt per secret).",
            DefaultValueFactory = _ => DefaultDirectory,
            Recursive = true,
        };
        return new Command("secrets", "Operator tasks: create, rotate, migrate-env, export, backup, restore.")
        {
            dir,
            CreateCommand.Create(dir),
            RotateCommand.Create(dir),
            MigrateEnvCommand.Create(dir),
            ExportCommand.Create(dir),
            BackupCommands.Backup(dir),
            BackupCommands.Restore(dir),
        };
    }
}
