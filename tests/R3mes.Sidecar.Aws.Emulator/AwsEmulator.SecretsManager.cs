using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>Secrets Manager over JSON 1.1: verification, dispatch on X-Amz-Target, GetSecretValue and DescribeSecret.</summary>
public sealed partial class AwsEmulator
{
    private const string NotFound = "Secrets Manager can't find the specified secret.";
    private const string MarkedForDeletion = "You can't perform this operation on the secret because it was marked for deletion.";
    private readonly HashSet<string> _denied = new(StringComparer.Ordinal);

    /// <summary>Every Secrets Manager call signed by <paramref name="accessKeyId"/> gets AccessDeniedException.</summary>
    public void DenyAccess(string accessKeyId)
    {
        lock (_gate)
        {
            _denied.Add(accessKeyId);
        }
    }

    private (AwsReply Reply, string? SecretId, string? AccessKeyId) SecretsManager(AwsCall call, string operation)
    {
        var check = Verify(call, "secretsmanager");
        if (check.Failed)
        {
            return (AwsReply.Error(check.Code!, check.Message!), null, null);
        }

        JsonObject body;
        try
        {
            body = JsonNode.Parse(call.Body.Length == 0 ? "{}"u8 : call.Body) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return (AwsReply.Error("SerializationException", "Start of structure or map found where not expected."), null, check.Credential!.AccessKeyId);
        }

        var secretId = Str(body, "SecretId") ?? Str(body, "Name");
        lock (_gate)
        {
            if (_denied.Contains(check.Credential!.AccessKeyId))
            {
                return (AwsReply.Error("AccessDeniedException",
                    $"User: {check.Credential.PrincipalArn} is not authorized to perform: secretsmanager:{operation} on resource: {secretId} because no identity-based policy allows the secretsmanager:{operation} action"),
                    secretId, check.Credential.AccessKeyId);
            }

            var reply = operation switch
            {
                "GetSecretValue" => GetSecretValue(body),
                "DescribeSecret" => DescribeSecret(body),
                "BatchGetSecretValue" => BatchGetSecretValue(body),
                "CreateSecret" => CreateSecretCall(body),
                "PutSecretValue" => PutSecretValueCall(body),
                _ => AwsReply.Error("UnknownOperationException", ""),
            };
            return (reply, secretId, check.Credential.AccessKeyId);
        }
    }

    private AwsReply GetSecretValue(JsonObject body)
    {
        var (value, code, message) = ReadValue(Str(body, "SecretId"), Str(body, "VersionId"), Str(body, "VersionStage"));
        return value is null ? AwsReply.Error(code!, message!) : AwsReply.Ok(value);
    }

    /// <summary>GetSecretValue's result or its error (call under the lock); shared with BatchGetSecretValue.</summary>
    private (JsonObject? Value, string? Code, string? Message) ReadValue(string? secretId, string? versionId, string? stage)
    {
        if (string.IsNullOrEmpty(secretId))
        {
            return (null, "InvalidParameterException", "You must provide a value for the SecretId parameter.");
        }

        if (Find(secretId) is not { } secret)
        {
            return (null, "ResourceNotFoundException", NotFound);
        }

        if (secret.Deleted is not null)
        {
            return (null, "InvalidRequestException", MarkedForDeletion);
        }

        var version = versionId is not null ? secret.Versions.FirstOrDefault(v => v.Id == versionId) : secret.WithStage(stage ?? Current);
        if (version is null)
        {
            return (null, "ResourceNotFoundException", versionId is not null
                ? $"Secrets Manager can't find the specified secret value for VersionId: {versionId}"
                : $"Secrets Manager can't find the specified secret value for staging label: {stage ?? Current}");
        }

        if (versionId is not null && stage is not null && !version.Stages.Contains(stage))
        {
            return (null, "InvalidRequestException", "You provided a VersionStage that is not associated to the provided VersionId.");
        }

        secret.LastAccessed = Now;
        var result = new JsonObject { ["ARN"] = secret.Arn, ["Name"] = secret.Name, ["VersionId"] = version.Id };
        if (version.String is not null)
        {
            result["SecretString"] = version.String;
        }

        if (version.Binary is not null)
        {
            result["SecretBinary"] = Convert.ToBase64String(version.Binary);
        }

        result["VersionStages"] = Strings(version.Stages.Order(StringComparer.Ordinal));
        result["CreatedDate"] = Epoch(version.Created);
        return (result, null, null);
    }

    private AwsReply DescribeSecret(JsonObject body)
    {
        if (Find(Str(body, "SecretId")) is not { } secret)
        {
            return AwsReply.Error("ResourceNotFoundException", NotFound);
        }

        var result = new JsonObject { ["ARN"] = secret.Arn, ["Name"] = secret.Name, ["RotationEnabled"] = secret.RotationEnabled };
        if (secret.LastRotated is { } rotated)
        {
            result["LastRotatedDate"] = Epoch(rotated);
        }

        result["LastChangedDate"] = Epoch(secret.LastChanged);
        if (secret.LastAccessed is { } accessed)
        {
            result["LastAccessedDate"] = Epoch(new DateTimeOffset(accessed.UtcDateTime.Date, TimeSpan.Zero));
        }

        if (secret.Deleted is { } deleted)
        {
            result["DeletedDate"] = Epoch(deleted);
        }

        result["Tags"] = new JsonArray();
        result["VersionIdsToStages"] = new JsonObject(secret.Versions.Where(v => v.Stages.Count > 0)
            .Select(v => KeyValuePair.Create(v.Id, (JsonNode?)Strings(v.Stages.Order(StringComparer.Ordinal)))));
        result["CreatedDate"] = Epoch(secret.Created);
        return AwsReply.Ok(result);
    }

    /// <summary>By name or by full ARN (call under the lock).</summary>
    private EmulatedSecret? Find(string? secretId) => secretId is null ? null
        : _secrets.TryGetValue(secretId, out var byName) ? byName
        : _secrets.Values.FirstOrDefault(s => s.Arn == secretId);

    private static string? Str(JsonObject body, string name) =>
        body[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)v)];

    /// <summary>Epoch seconds with a millisecond fraction, written as AWS does (a JSON number, never a string).</summary>
    private static JsonNode Epoch(DateTimeOffset time) =>
        JsonNode.Parse((time.ToUnixTimeMilliseconds() / 1000m).ToString("0.000", CultureInfo.InvariantCulture))!;
}
