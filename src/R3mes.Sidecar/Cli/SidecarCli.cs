using System.CommandLine;

namespace R3mes.Sidecar.Cli;

/// <summary>The command line: run, once, exec, check, version. Usage errors exit 2.</summary>
internal static class SidecarCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var config = new Option<string?>("--config", "-c")
        {
            Description = "Configuration file (YAML or JSON). Default: $R3MES_SIDECAR_CONFIG.",
            Recursive = true,
        };
        var root = new RootCommand(
            "r3mes-sidecar: renders secrets from files, Vault or AWS into 0600 files on a tmpfs volume, keeps them fresh, and tells the consumer when they change.\n" +
            "Exit codes: 0 success, 1 runtime failure, 2 usage or configuration error.")
        {
            config,
            RunCommand.Create(config),
            OnceCommand.Create(config),
            ExecCommand.Create(config),
            CheckCommand.Create(config),
            VersionCommand.Create(),
            VaultCommand.Create(),
            InjectCommand.Create(config),
            Operator.SecretsCommand.Create(),
            Operator.HealthCommand.Create(),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine(error.Message);
            }

            return Fail.With(ExitCodes.Usage, "bad command line; see 'r3mes-sidecar --help'");
        }

        // The commands handle SIGTERM/SIGINT themselves (run: the host's console lifetime; exec: forward to the child
        // and exit with its code). System.CommandLine's own handler would force exit code 143 two seconds later.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);
    }
}
