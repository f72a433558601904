using System.Net;
using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Aws.Tests.Support;

/// <summary>An answer from the emulator: status, headers of interest and the body (JSON parsed when it is JSON).</summary>
internal sealed record AwsCallResult(HttpStatusCode Status, string? ErrorTypeHeader, string? RequestId, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public string? ErrorType => Json["__type"]?.GetValue<string>();

    public string? Message => Json["message"]?.GetValue<string>();
}
