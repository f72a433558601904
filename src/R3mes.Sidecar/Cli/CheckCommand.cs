using System.CommandLine;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Hosting;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Cli;

/// <summary>
/// <c>check</c>: validate the configuration, then what <c>run</c> would refuse at start here — an output directory
/// that is missing or not usable, a required tmpfs that is not one, an owner this process cannot give files — and
/// print the plan. Exit 2 with every problem listed; a directory that is not tmpfs (when not required), or that every
/// user may write in, is a warning.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(Option<string?> config)
    {
        var command = new Command("check", "Validate the configuration, the output directory and file owners, and print the plan (files, sources, actions) without contacting a backend.");
        command.SetAction((result, _) => SidecarApp.Guard(result.GetValue(config), SidecarMode.Check, app =>
        {
            var errors = new List<ConfigError>();
            var warning = OutputDirectoryProblem(app.Plan.Output, errors);
            errors.AddRange(OutputOwnership.Problems(app.Plan, ProcessCredentials.Current()));
            if (errors.Count > 0)
            {
                throw new ConfigurationException(errors);
            }

            PlanPrinter.Print(app.Plan, Console.Out);
            if (warning is not null)
            {
                Console.Out.WriteLine($"warning: {warning}");
            }

            if (OutputDirectory.WorldWritable(app.Plan.Output.Directory) is { } exposure)
            {
                Console.Out.WriteLine($"warning: output.dir: {exposure}");
            }

            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    /// <summary>Adds an error when <c>run</c> would refuse the directory; returns a warning when it would only warn.</summary>
    private static string? OutputDirectoryProblem(OutputSpec output, List<ConfigError> errors)
    {
        bool inMemory;
        try
        {
            inMemory = OutputDirectory.Verify(output.Directory);
        }
        catch (OutputException e)
        {
            errors.Add(new ConfigError("output.dir", e.Message));
            return null;
        }

        if (inMemory)
        {
            return null;
        }

        const string Fix = "mount a memory-backed volume there (Compose: tmpfs, Kubernetes: emptyDir medium Memory)";
        if (output.RequireTmpfs)
        {
            errors.Add(new ConfigError("output.dir", $"{output.Directory} is not tmpfs and output.require_tmpfs is set: {Fix}"));
            return null;
        }

        return $"output.dir: {output.Directory} is not tmpfs: secrets may reach a disk; {Fix}, or set output.require_tmpfs to refuse";
    }
}
