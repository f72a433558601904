using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;

namespace R3mes.Sidecar.Cli;

internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print version and build information.");
        command.SetAction(_ =>
        {
            Console.WriteLine($"r3mes-sidecar {Version}");
            Console.WriteLine($"runtime: .NET {Environment.Version} {RuntimeInformation.RuntimeIdentifier}");
            return ExitCodes.Success;
        });
        return command;
    }

    public static string Version =>
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
