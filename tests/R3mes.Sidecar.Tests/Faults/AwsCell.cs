using System.Text.Json.Nodes;
using R3mes.Sidecar.Aws.Emulator;
using R3mes.Sidecar.Tests.Aws;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// A matrix cell on AWS Secrets Manager: the JSON secret <c>r3mes/app</c> rendered into <c>jwt_secret</c> and
/// <c>api_secret_key</c> (one key each), refreshed every second, the emulator's static key in the environment, a
/// 2 s per-attempt timeout so a hung endpoint costs seconds, not minutes (and a loaded machine is not a timeout).
/// </summary>
internal static class AwsCell
{
    public const string SecretId = "r3mes/app";

    /// <param name="endpoint">Where the sidecar finds Secrets Manager: the emulator itself or a proxy in front of it.</param>
    public static async Task<FaultCell> StartAsync(TempWorkspace workspace, AwsEmulator aws, Uri endpoint)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var first = new Dictionary<string, string> { ["jwt_secret"] = $"jwt-first-{id}", ["api_secret_key"] = $"api-first-{id}" };
        var next = new Dictionary<string, string> { ["jwt_secret"] = $"jwt-next-{id}", ["api_secret_key"] = $"api-next-{id}" };
        aws.CreateSecret(SecretId, Json(first), null);
        var environment = AwsSetup.Environment(aws, workspace);
        environment["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = endpoint.ToString();
        var port = FreePort.Next();
        string Config(string dir, string listen) => $$"""
            output: { dir: {{dir}} }
            log: { level: debug }
            retry_budget: 3s
            {{listen}}
            aws: { region: {{aws.Region}}, endpoint: {{endpoint}}, timeout: 2s }
            secrets:
              - name: {{FaultCell.Secret}}
                source: { aws: {{SecretId}} }
                files: { jwt_secret: { key: jwt_secret }, api_secret_key: { key: api_secret_key } }
                refresh: 1s
            """;
        Directory.CreateDirectory(workspace.PathOf("out-once"));
        var config = workspace.WriteConfig(Config("out", $"listen: 127.0.0.1:{port}"));
        var cell = new FaultCell
        {
            Workspace = workspace,
            Run = SidecarProcess.Start(["run", "-c", config], environment),
            Endpoints = new LocalEndpoints(port),
            Backend = "aws",
            First = first,
            Next = next,
            PublishAsync = () =>
            {
                aws.Rotate(SecretId, Json(next));
                return Task.CompletedTask;
            },
            OnceConfig = workspace.WriteConfig(Config("out-once", ""), "once.yaml"),
            OnceOutput = workspace.PathOf("out-once"),
            OnceEnvironment = environment,
        };
        await Eventually.Until(() => cell.Holds(first), Eventually.DefaultTimeout, () => "first render:\n" + cell.Describe() + AwsSetup.Describe(aws));
        await Eventually.Until(async () => (string?)(await cell.Endpoints.SecretAsync(FaultCell.Secret))["state"] == "ok", Eventually.DefaultTimeout, cell.Describe);
        return cell;
    }

    private static string Json(Dictionary<string, string> values) =>
        new JsonObject { ["jwt_secret"] = values["jwt_secret"], ["api_secret_key"] = values["api_secret_key"] }.ToJsonString();
}
