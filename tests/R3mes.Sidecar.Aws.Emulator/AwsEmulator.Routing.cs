using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>Request handling: container credentials, then queued faults, then STS (form body with Action) or
/// Secrets Manager (X-Amz-Target), each behind SigV4 verification.</summary>
public sealed partial class AwsEmulator
{
    private const string TargetPrefix = "secretsmanager.";

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        if (request.Method == "GET" && ContainerCredentials(request) is { } served)
        {
            _requests.Enqueue(new AwsRequest("ContainerCredentials", null, served.Status, null, served.ErrorType));
            await WriteAsync(context, served).ConfigureAwait(false);
            return;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer).ConfigureAwait(false);
        var call = ToCall(context, buffer.ToArray(), requestId);
        var operation = call.Target is { } t ? (t.StartsWith(TargetPrefix, StringComparison.Ordinal) ? t[TargetPrefix.Length..] : t)
            : call.Form?.GetValueOrDefault("Action") ?? "Unknown";
        if (_faults.TryDequeue(out var fault))
        {
            _requests.Enqueue(new AwsRequest(operation, null, fault.Drop ? 0 : fault.Status, null, fault.Type));
            if (fault.Drop)
            {
                context.Abort();
                return;
            }

            var faulted = call.Form is not null ? StsError(fault.Status, fault.Type, fault.Message, requestId) : AwsReply.Error(fault.Type, fault.Message, fault.Status);
            await WriteAsync(context, faulted).ConfigureAwait(false);
            return;
        }

        var (reply, secretId, accessKeyId) = call switch
        {
            { Form: not null } => Sts(call, operation),
            { Target: not null } when call.Target.StartsWith(TargetPrefix, StringComparison.Ordinal) => SecretsManager(call, operation),
            _ => (AwsReply.Error("UnknownOperationException", "", 400), null, null),
        };
        _requests.Enqueue(new AwsRequest(operation, secretId, reply.Status, accessKeyId, reply.ErrorType));
        await WriteAsync(context, reply).ConfigureAwait(false);
    }

    private static AwsCall ToCall(HttpContext context, byte[] body, string requestId)
    {
        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/";
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? ""))).ToList();
        var target = request.Headers["X-Amz-Target"].ToString();
        var form = target.Length == 0 && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            ? AwsCall.ParseForm(Encoding.UTF8.GetString(body)) : null;
        return new AwsCall(request.Method, question < 0 ? rawTarget : rawTarget[..question], question < 0 ? "" : rawTarget[(question + 1)..],
            headers, body, requestId, target.Length == 0 ? null : target, form);
    }

    private static async Task WriteAsync(HttpContext context, AwsReply reply)
    {
        var response = context.Response;
        response.StatusCode = reply.Status;
        if (reply.ErrorType is not null && reply.ContentType == AwsReply.Json)
        {
            response.Headers["X-Amzn-ErrorType"] = reply.ErrorType;
        }

        if (reply.Body.Length > 0)
        {
            response.ContentType = reply.ContentType;
            await response.WriteAsync(reply.Body).ConfigureAwait(false);
        }
    }
}
