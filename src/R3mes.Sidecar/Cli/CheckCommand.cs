using System.CommandLine;
using R3mes.Sidecar.Hosting;

namespace R3mes.Sidecar.Cli;

internal static class CheckCommand
{
    public static Command Create(Option<string?> config)
    {
        var command = new Command("check", "Validate the configuration and print the plan (files, sources, actions) without contacting a backend.");
        command.SetAction((result, _) => SidecarApp.Guard(result.GetValue(config), SidecarMode.Check, app =>
        {
            PlanPrinter.Print(app.Plan, Console.Out);
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }
}
