using System.CommandLine;

namespace R3mes.Sidecar.Operator.Export;

internal static class ExportCommand
{
    public static Command Create(Option<string> dir)
    {
        var format = new Option<string>("--format") { Description = "k8s (a Secret manifest) or swarm (docker secret create commands).", Required = true };
        var outFile = new Option<string?>("--out") { Description = "Write to this file (0600) instead of standard output." };
        var force = new Option<bool>("--force") { Description = "Replace an existing --out file." };
        var name = new Option<string>("--name") { Description = "The Kubernetes Secret's name.", DefaultValueFactory = _ => "r3mes-secrets" };
        var ns = new Option<string?>("--namespace") { Description = "The Kubernetes namespace." };
        var prefix = new Option<string>("--prefix") { Description = "Swarm secret name prefix.", DefaultValueFactory = _ => "r3mes_" };
        var command = new Command("export", "Export the secrets as a Kubernetes Secret manifest or the Swarm 'docker secret create' set.")
        {
            format, outFile, force, name, ns, prefix,
        };
        command.SetAction((result, _) => OperatorAction.RunAsync(() =>
            new ExportOperation(Console.Out, Console.Error, !Console.IsOutputRedirected).Run(
                result.GetValue(dir)!, result.GetValue(format)!, result.GetValue(outFile), result.GetValue(force),
                result.GetValue(name)!, result.GetValue(ns), result.GetValue(prefix)!)));
        return command;
    }
}
