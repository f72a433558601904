using System.Text.Json;
using Polly.Timeout;
using R3mes.Sidecar.Aws.Client;

namespace R3mes.Sidecar.Aws.Agent;

/// <summary>
/// Why a read failed, as AWS's agent answers it (aws_secretsmanager_agent/src/cache_manager.rs <c>svc_err</c>):
/// an AWS error keeps its status, <c>__type</c> and message; a timeout is 504 <c>TimeoutError</c>; a connection or
/// unreadable response is 502 <c>ConnectionError</c>; anything else 500 <c>InternalFailure</c>.
/// <see cref="IsTransient"/> marks the failures on which a cached value is served instead (throttling, 5xx, timeout,
/// connection error).
/// </summary>
internal sealed record AgentFailure(int Status, string Type, string? Message, bool IsTransient)
{
    public static readonly AgentFailure Internal = new(500, "InternalFailure", null, false);

    /// <summary>Classifies <paramref name="error"/>; <see langword="null"/> when the caller itself gave up (nothing to answer).</summary>
    public static AgentFailure? From(Exception error, CancellationToken requestAborted) => error switch
    {
        AwsApiException { Code: "MalformedResponse" } => new(502, "ConnectionError", "Response Error", true),
        AwsApiException { Status: not 0 } aws => new((int)aws.Status, aws.Code, aws.AwsMessage, aws.IsTransient),
        TimeoutRejectedException or TimeoutException => new(504, "TimeoutError", "Timeout", true),
        OperationCanceledException when requestAborted.IsCancellationRequested => null,
        OperationCanceledException => new(504, "TimeoutError", "Timeout", true),
        HttpRequestException or IOException => new(502, "ConnectionError", "Read Error", true),
        _ => Internal,
    };

    /// <summary>The JSON 1.1 error body: <c>{"__type":"…","message":"…"}</c> (no message when there is none).</summary>
    public byte[] Body()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("__type", Type);
            if (!string.IsNullOrEmpty(Message))
            {
                json.WriteString("message", Message);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
