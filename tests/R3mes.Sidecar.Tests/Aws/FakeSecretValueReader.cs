using System.Text;
using System.Text.Json;
using R3mes.Sidecar.Aws.Agent;
using R3mes.Sidecar.Aws.Client;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>A Secrets Manager stand-in: answers every GetSecretValue with <see cref="Value"/> (versioned per call) or throws <see cref="Failure"/>.</summary>
internal sealed class FakeSecretValueReader : ISecretValueReader
{
    public List<GetSecretValueRequest> Calls { get; } = [];

    public string Value { get; set; } = "value-1";

    public Exception? Failure { get; set; }

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
            VersionId = $"version-{Calls.Count}",
            SecretString = Value,
            VersionStages = [request.VersionStage ?? "AWSCURRENT"],
            CreatedDate = 1569534789.046,
        };
        return Task.FromResult((response, JsonSerializer.SerializeToUtf8Bytes(response, AwsJsonContext.Default.GetSecretValueResponse)));
    }

    public static string SecretStringOf(byte[] body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("SecretString").GetString() ?? "";

    public static string Text(byte[] body) => Encoding.UTF8.GetString(body);
}
