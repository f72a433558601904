using System.CommandLine;
using R3mes.Sidecar.Operator.Catalog;

namespace R3mes.Sidecar.Operator.Create;

internal static class CreateCommand
{
    public static Command Create(Option<string> dir)
    {
        var force = new Option<bool>("--force") { Description = "Replace existing files (by default they are kept)." };
        var import = new Option<string[]>("--import")
        {
            Description = "NAME=PATH: take this secret from a file (validator_key and node_key are only ever imported).",
            AllowMultipleArgumentsPerToken = false,
        };
        var postgresUser = new Option<string>("--postgres-user")
        {
            Description = "The PostgreSQL user name written to postgres_user.txt.",
            DefaultValueFactory = _ => R3mesCatalog.DefaultPostgresUser,
        };
        var command = new Command("create", "Create every missing R3MES secret in the directory (0700, files 0600) from a CSPRNG, plus a development TLS pair. Prints names, never values.")
        {
            force, import, postgresUser,
        };
        command.SetAction((result, _) => OperatorAction.RunAsync(() =>
        {
            var imports = (result.GetValue(import) ?? []).Select(SecretImport.Parse).ToArray();
            new CreateOperation(TimeProvider.System, Console.Out).Run(result.GetValue(dir)!, imports, result.GetValue(force), result.GetValue(postgresUser)!);
        }));
        return command;
    }
}
