using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>BatchGetSecretValue (≤ 20 ids, or a name filter) and the write operations over HTTP.</summary>
public sealed partial class AwsEmulator
{
    private AwsReply BatchGetSecretValue(JsonObject body)
    {
        var ids = (body["SecretIdList"] as JsonArray)?.Select(n => n?.GetValue<string>() ?? "").ToList();
        var filters = body["Filters"] as JsonArray;
        if ((ids is null) == (filters is null))
        {
            return AwsReply.Error("InvalidParameterException", "Either 'SecretIdList' or 'Filters' must be provided, but not both.");
        }

        if (ids is { Count: > 20 })
        {
            return AwsReply.Error("ValidationException",
                $"1 validation error detected: Value '[{string.Join(", ", ids)}]' at 'secretIdList' failed to satisfy constraint: Member must have length less than or equal to 20");
        }

        ids ??= [.. _secrets.Values.Where(s => s.Deleted is null && MatchesNameFilter(s, filters!)).Select(s => s.Name).Order(StringComparer.Ordinal)];
        var values = new JsonArray();
        var errors = new JsonArray();
        foreach (var id in ids)
        {
            var (value, code, message) = ReadValue(id, null, null);
            if (value is not null)
            {
                values.Add(value);
            }
            else
            {
                errors.Add(new JsonObject { ["SecretId"] = id, ["ErrorCode"] = code, ["Message"] = message });
            }
        }

        return AwsReply.Ok(new JsonObject { ["SecretValues"] = values, ["Errors"] = errors });
    }

    private static bool MatchesNameFilter(EmulatedSecret secret, JsonArray filters) => filters.OfType<JsonObject>()
        .Where(f => f["Key"]?.GetValue<string>() == "name")
        .All(f => (f["Values"] as JsonArray ?? []).Any(v => secret.Name.StartsWith(v!.GetValue<string>(), StringComparison.Ordinal)));

    private AwsReply CreateSecretCall(JsonObject body)
    {
        if (Str(body, "Name") is not { Length: > 0 } name)
        {
            return AwsReply.Error("InvalidParameterException", "You must provide a value for the Name parameter.");
        }

        if (_secrets.ContainsKey(name))
        {
            return AwsReply.Error("ResourceExistsException", $"The operation failed because the secret {name} already exists.");
        }

        var secret = new EmulatedSecret { Name = name, Arn = ArnFor(name), Created = Now, LastChanged = Now };
        _secrets[name] = secret;
        var result = new JsonObject { ["ARN"] = secret.Arn, ["Name"] = name };
        if (ValueOf(body) is { } value)
        {
            result["VersionId"] = AddVersion(secret, value.String, value.Binary, Str(body, "ClientRequestToken"), [Current]).Id;
        }

        return AwsReply.Ok(result);
    }

    private AwsReply PutSecretValueCall(JsonObject body)
    {
        if (Find(Str(body, "SecretId")) is not { } secret)
        {
            return AwsReply.Error("ResourceNotFoundException", NotFound);
        }

        if (secret.Deleted is not null)
        {
            return AwsReply.Error("InvalidRequestException", MarkedForDeletion);
        }

        if (ValueOf(body) is not { } value)
        {
            return AwsReply.Error("InvalidRequestException", "You must provide either SecretString or SecretBinary.");
        }

        var stages = (body["VersionStages"] as JsonArray)?.Select(s => s!.GetValue<string>()).ToArray() ?? [Current];
        var version = AddVersion(secret, value.String, value.Binary, Str(body, "ClientRequestToken"), stages);
        return AwsReply.Ok(new JsonObject
        {
            ["ARN"] = secret.Arn,
            ["Name"] = secret.Name,
            ["VersionId"] = version.Id,
            ["VersionStages"] = Strings(version.Stages.Order(StringComparer.Ordinal)),
        });
    }

    private static (string? String, byte[]? Binary)? ValueOf(JsonObject body)
    {
        var text = Str(body, "SecretString");
        var binary = Str(body, "SecretBinary") is { } b ? Convert.FromBase64String(b) : null;
        return text is null && binary is null ? null : (text, binary);
    }
}
