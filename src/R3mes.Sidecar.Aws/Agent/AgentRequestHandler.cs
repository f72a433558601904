using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Aws.Agent;

/// <summary>
/// Answers the AWS Secrets Manager Agent–compatible endpoint in the order AWS's agent checks
/// (aws_secretsmanager_agent/src/server.rs <c>get_result</c>, <c>validate_token</c>, <c>validate_method</c>):
/// <c>/ping</c> needs no token; otherwise <c>X-Forwarded-For</c> → 400 <c>Forwarded</c>, a missing or wrong
/// <c>X-Aws-Parameters-Secrets-Token</c> → 403 <c>Bad Token</c>; then anything but GET → 405 <c>Not allowed</c>;
/// <c>/ping</c> → 200 <c>healthy</c>; <c>/secretsmanager/get?secretId=…</c> and <c>/v1/&lt;id&gt;</c> → the
/// GetSecretValue body; any other path → 404 <c>Not found</c>. Backend errors become <see cref="AgentFailure"/> bodies.
/// Logs name the secret id and the error code, never a body.
/// </summary>
internal sealed partial class AgentRequestHandler(AgentCache cache, AgentToken token, ILogger<AgentRequestHandler> logger)
{
    public const string TokenHeader = "X-Aws-Parameters-Secrets-Token";
    public const string PingPath = "/ping";

    public async Task<AgentResponse> HandleAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var split = request.Target.IndexOf('?', StringComparison.Ordinal);
        var path = split < 0 ? request.Target : request.Target[..split];
        var query = split < 0 ? "" : request.Target[(split + 1)..];
        if (path != PingPath)
        {
            if (request.Forwarded)
            {
                LogRefused(logger, request.Method, 400, "X-Forwarded-For present");
                return AgentResponse.Plain(400, "Forwarded");
            }

            if (!token.Matches(request.Token))
            {
                LogRefused(logger, request.Method, 403, request.Token is null ? $"no {TokenHeader} header" : $"wrong {TokenHeader}");
                return AgentResponse.Plain(403, "Bad Token");
            }
        }

        if (request.Method != "GET")
        {
            LogRefused(logger, request.Method, 405, "only GET is allowed");
            return AgentResponse.Plain(405, "Not allowed");
        }

        if (path == PingPath)
        {
            return AgentResponse.Plain(200, "healthy");
        }

        if (path != AgentQuery.GetPath && !path.StartsWith(AgentQuery.PathPrefix, StringComparison.Ordinal))
        {
            return AgentResponse.Plain(404, "Not found");
        }

        if (AgentQuery.TryParse(path, query, out var error) is not { } read)
        {
            LogRefused(logger, request.Method, 400, error);
            return AgentResponse.Plain(400, error);
        }

        return await ReadAsync(read, cancellationToken).ConfigureAwait(false);
    }

    private async Task<AgentResponse> ReadAsync(AgentQuery read, CancellationToken cancellationToken)
    {
        try
        {
            var result = await cache.GetAsync(read.Key, read.RefreshNow, cancellationToken).ConfigureAwait(false);
            if (result is { Stale: true, RefreshFailure: { } failure })
            {
                LogServedStale(logger, read.Key.SecretId, failure.Status, failure.Type);
            }

            return new AgentResponse(200, AgentResponse.Json, result.Body);
        }
        catch (Exception e) when (AgentFailure.From(e, cancellationToken) is { } failure)
        {
            if (ReferenceEquals(failure, AgentFailure.Internal))
            {
                LogInternal(logger, read.Key.SecretId, e.GetType().Name);
            }
            else
            {
                LogFailed(logger, read.Key.SecretId, failure.Status, failure.Type);
            }

            return new AgentResponse(failure.Status, AgentResponse.Json, failure.Body());
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "aws agent endpoint: refused {Method} ({Status}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, int status, string reason);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "aws agent endpoint: {SecretId}: refresh failed ({Status} {Code}), served the cached value")]
    private static partial void LogServedStale(ILogger logger, string secretId, int status, string code);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "aws agent endpoint: {SecretId}: {Status} {Code}")]
    private static partial void LogFailed(ILogger logger, string secretId, int status, string code);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Error, Message = "aws agent endpoint: {SecretId}: internal failure ({Error})")]
    private static partial void LogInternal(ILogger logger, string secretId, string error);
}
