using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>What to answer: status, content type and body; <see cref="ErrorType"/> also goes to X-Amzn-ErrorType (JSON protocol).</summary>
internal sealed record AwsReply(int Status, string ContentType, string Body, string? ErrorType = null)
{
    public const string Json = "application/x-amz-json-1.1";

    public static AwsReply Ok(JsonObject body) => new(200, Json, body.ToJsonString());

    /// <summary>JSON 1.1 error: <c>{"__type": type, "message": …}</c>, HTTP 400 unless said otherwise.</summary>
    public static AwsReply Error(string type, string message, int status = 400) =>
        new(status, Json, new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString(), type);

    public static AwsReply Xml(string body) => new(200, "text/xml", body);
}
