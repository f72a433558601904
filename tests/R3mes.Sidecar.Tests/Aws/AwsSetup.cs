using R3mes.Sidecar.Aws.Emulator;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>
/// The AWS emulator with one static key, and the environment a sidecar needs to use it: the key in the standard
/// variables, the endpoint override, no IMDS and no shared profile (so the chain cannot find anything else).
/// </summary>
internal static class AwsSetup
{
    public const string AccessKey = "AKIAR3MESEXAMPLE0001";
    public const string SecretKey = "r3mes/secret/key/for/the/emulator/only0001";
    public const string PrincipalArn = "arn:aws:iam::123456789012:user/r3mes-sidecar";

    public static async Task<AwsEmulator> StartAsync()
    {
        var aws = await AwsEmulator.StartAsync();
        aws.AddCredentials(AccessKey, SecretKey, principalArn: PrincipalArn);
        return aws;
    }

    /// <summary>Variables for the sidecar process: endpoint overrides and, unless <paramref name="keys"/> is false, the static key.</summary>
    public static Dictionary<string, string?> Environment(AwsEmulator aws, TempWorkspace workspace, bool keys = true)
    {
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = aws.Address.ToString(),
            ["AWS_ENDPOINT_URL_STS"] = aws.Address.ToString(),
            ["AWS_REGION"] = aws.Region,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_SHARED_CREDENTIALS_FILE"] = workspace.PathOf("no-credentials"),
            ["AWS_CONFIG_FILE"] = workspace.PathOf("no-config"),
            ["AWS_ACCESS_KEY_ID"] = null,
            ["AWS_SECRET_ACCESS_KEY"] = null,
            ["AWS_SESSION_TOKEN"] = null,
        };
        if (keys)
        {
            environment["AWS_ACCESS_KEY_ID"] = AccessKey;
            environment["AWS_SECRET_ACCESS_KEY"] = SecretKey;
        }

        return environment;
    }

    public static string Describe(AwsEmulator aws) =>
        string.Join('\n', aws.Requests.Select(r => $"{r.Operation} {r.SecretId} {r.Status} {r.AccessKeyId} {r.ErrorType}"));
}
