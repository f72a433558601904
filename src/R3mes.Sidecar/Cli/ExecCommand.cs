using System.CommandLine;
using R3mes.Sidecar.Hosting;

namespace R3mes.Sidecar.Cli;

internal static class ExecCommand
{
    public static Command Create(Option<string?> config)
    {
        var child = new Argument<string[]>("command") { Description = "The program to supervise and its arguments (after --).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("exec", "Render, then run COMMAND as a child: reload or restart it on change, forward SIGTERM/SIGINT, exit with its code.")
        {
            child,
        };
        command.SetAction((result, cancellationToken) => SidecarApp.Guard(result.GetValue(config), SidecarMode.Exec, async app =>
        {
            var missing = await app.RenderAllAsync(cancellationToken).ConfigureAwait(false);
            if (missing.Count > 0)
            {
                throw new CommandFailedException(ExitCodes.Failure, $"required secrets not rendered: {string.Join(", ", missing)}; the child was not started (the log above says why)");
            }

            var session = app.Exec ?? throw new InvalidOperationException("exec mode without a child");
            return await session.RunAsync().ConfigureAwait(false);
        }, result.GetValue(child)));
        return command;
    }
}
