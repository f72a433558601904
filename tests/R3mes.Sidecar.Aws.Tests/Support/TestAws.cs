using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Aws.Client;
using R3mes.Sidecar.Aws.Configuration;
using R3mes.Sidecar.Aws.Sources;
using R3mes.Sidecar.Resilience;

namespace R3mes.Sidecar.Aws.Tests.Support;

/// <summary>A runtime over a scripted Secrets Manager (no signing: the handler stands where the SigV4 handler would be).</summary>
internal static class TestAws
{
    public static readonly AwsSettings Settings = new("us-east-1", new Uri("http://secretsmanager.test/"), 8, TimeSpan.FromSeconds(5), null);

    public static AwsRuntime Runtime(ScriptedSecretsManager fake) =>
        new(() => Settings, TimeProvider.System, _ => null, new SecretsManagerClient(new HttpClient(fake), Settings.Endpoint!,
            BackendPipeline.Create(8, TimeSpan.FromSeconds(5), TimeProvider.System)));

    public static AwsSource Source(AwsRuntime runtime, string id, string? stage = null, string? versionId = null, AwsFirstLoad? firstLoad = null) =>
        new(runtime, id, stage, versionId, firstLoad, NullLogger.Instance);

    public static string Value(string name, string version, string secretString) =>
        $$"""{"ARN":"arn:aws:secretsmanager:us-east-1:123456789012:secret:{{name}}-AbCdEf","CreatedDate":1.7e9,"Name":"{{name}}","SecretString":{{System.Text.Json.JsonSerializer.Serialize(secretString)}},"VersionId":"{{version}}","VersionStages":["AWSCURRENT"]}""";

    public static string Describe(string name, string current, string? previous = null, bool deleted = false)
    {
        var stages = $"\"{current}\":[\"AWSCURRENT\"]" + (previous is null ? "" : $",\"{previous}\":[\"AWSPREVIOUS\"]");
        var deletedDate = deleted ? "\"DeletedDate\":1.7e9," : "";
        return "{\"ARN\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:" + name + "-AbCdEf\",\"Name\":\"" + name + "\"," + deletedDate + "\"VersionIdsToStages\":{" + stages + "}}";
    }
}
