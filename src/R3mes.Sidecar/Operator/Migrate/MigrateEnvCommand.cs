using System.CommandLine;

namespace R3mes.Sidecar.Operator.Migrate;

internal static class MigrateEnvCommand
{
    public static Command Create(Option<string> dir)
    {
        var envFile = new Option<string>("--env-file") { Description = "The .env file to migrate.", DefaultValueFactory = _ => ".env" };
        var force = new Option<bool>("--force") { Description = "Replace secret files that hold another value." };
        var command = new Command("migrate-env", "Move the R3MES variables of a .env file into secret files; rewrite .env without them (0600 backup); print the Compose changes.")
        {
            envFile, force,
        };
        command.SetAction((result, _) => OperatorAction.RunAsync(() =>
            new MigrateEnvOperation(TimeProvider.System, Console.Out).Run(result.GetValue(envFile)!, result.GetValue(dir)!, result.GetValue(force))));
        return command;
    }
}
