using System.CommandLine;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Injector.Hosting;
using R3mes.Sidecar.Injector.Settings;

namespace R3mes.Sidecar.Cli;

/// <summary><c>inject</c>: the Kubernetes mutating admission webhook, configured by the injector's own file.</summary>
internal static class InjectCommand
{
    public const string ConfigEnvironmentVariable = "R3MES_INJECTOR_CONFIG";

    public static Command Create(Option<string?> config)
    {
        var command = new Command("inject", $"Kubernetes admission webhook: serve POST /mutate over HTTPS and add the sidecar to pods annotated sidecar.r3mes.io/inject: \"true\". --config is the injector's file (default: ${ConfigEnvironmentVariable}).");
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(config) ?? Environment.GetEnvironmentVariable(ConfigEnvironmentVariable);
            if (string.IsNullOrEmpty(path))
            {
                return Fail.With(ExitCodes.Usage, $"no injector configuration: pass --config FILE or set {ConfigEnvironmentVariable} (see deploy/kubernetes/base/injector.yaml)");
            }

            InjectorSettings settings;
            try
            {
                settings = InjectorSettingsReader.Read(path);
            }
            catch (ConfigurationException e)
            {
                foreach (var error in e.Errors.Where(error => error.Path.Length > 0))
                {
                    Console.Error.WriteLine(error.ToString());
                }

                return Fail.With(ExitCodes.Usage, e.Errors.Count == 1 && e.Errors[0].Path.Length == 0
                    ? e.Errors[0].Message
                    : $"the injector configuration has {e.Errors.Count} problem(s), listed above");
            }

            try
            {
                var app = InjectorServer.Build(settings);
                await using (app.ConfigureAwait(false))
                {
                    await app.RunAsync(cancellationToken).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                return Fail.With(ExitCodes.Failure, $"the injector could not start: {e.Message}");
            }
        });
        return command;
    }
}
