using System.Text;
using System.Text.Json;
using R3mes.Sidecar.Aws.Agent;
using R3mes.Sidecar.Aws.Client;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>
/// A Secrets Manager stand-in: answers GetSecretValue with <see cref="Value"/> (its version id follows the value) and
/// DescribeSecret with that version as AWSCURRENT, or throws <see cref="Failure"/>.
/// </summary>
internal sealed class FakeSecretValueReader : ISecretValueReader
{
    public List<GetSecretValueRequest> Calls { get; } = [];

    public string Value { get; set; } = "value-1";

    public Exception? Failure { get; set; }

    public int Describes { get; private set; }

    public Task<DescribeSecretResponse> DescribeSecretAsync(string secretId, CancellationToken cancellationToken)
    {
        Describes++;
        return Failure is not null
            ? Task.FromException<DescribeSecretResponse>(Failure)
            : Task.FromResult(new DescribeSecretResponse { Name = secretId, VersionIdsToStages = new() { [VersionOf(Value)] = ["AWSCURRENT"] } });
    }

    public Task<(GetSecretValueResponse Value, byte[] Body)> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken)
    {
        Calls.Add(request);
        if (Failure is not null)
        {
            return Task.FromException<(GetSecretValueResponse, byte[])>(Failure);
        }

        var response = new GetSecretValueResponse
        {
            Arn = $"arn:aws:secretsmanager:eu-west-1:123456789012:secret:{request.SecretId}-AbCdEf",
            Name = request.SecretId,
            VersionId = request.VersionId ?? VersionOf(Value),
            SecretString = Value,
            VersionStages = [request.VersionStage ?? "AWSCURRENT"],
            CreatedDate = 1569534789.046,
        };
        return Task.FromResult((response, JsonSerializer.SerializeToUtf8Bytes(response, AwsJsonContext.Default.GetSecretValueResponse)));
    }

    private static string VersionOf(string value) => "version-" + value;

    public static string SecretStringOf(byte[] body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("SecretString").GetString() ?? "";

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
