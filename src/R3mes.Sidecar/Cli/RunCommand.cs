using System.CommandLine;
using R3mes.Sidecar.Hosting;

namespace R3mes.Sidecar.Cli;

internal static class RunCommand
{
    public static Command Create(Option<string?> config)
    {
        var command = new Command("run", "Daemon: render every secret and keep it fresh until SIGTERM. SIGHUP refreshes everything now.");
        command.SetAction((result, cancellationToken) => SidecarApp.Guard(result.GetValue(config), SidecarMode.Run, async app =>
        {
            await app.Host.RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }
}
