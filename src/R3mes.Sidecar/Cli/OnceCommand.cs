using System.CommandLine;
using R3mes.Sidecar.Hosting;

namespace R3mes.Sidecar.Cli;

internal static class OnceCommand
{
    public static Command Create(Option<string?> config)
    {
        var command = new Command("once", "Render every secret once and exit: 0 when every required secret is written, 1 when one is missing after the retry budget.");
        command.SetAction((result, cancellationToken) => SidecarApp.Guard(result.GetValue(config), SidecarMode.Once, async app =>
        {
            var missing = await app.RenderAllAsync(cancellationToken).ConfigureAwait(false);
            return missing.Count == 0
                ? ExitCodes.Success
                : throw new CommandFailedException(ExitCodes.Failure, $"required secrets not rendered: {string.Join(", ", missing)}; the log above says why");
        }));
        return command;
    }
}
