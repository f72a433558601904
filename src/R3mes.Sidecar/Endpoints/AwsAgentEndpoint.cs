using Microsoft.AspNetCore.Http.Features;
using R3mes.Sidecar.Aws;
using R3mes.Sidecar.Aws.Agent;
using R3mes.Sidecar.Aws.Configuration;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Endpoints;

/// <summary>
/// The optional AWS Secrets Manager Agent–compatible endpoint (<c>aws.agent</c>) on its own listener (default
/// <see cref="AwsAgentSettings.DefaultListen"/>, as AWS's agent): the HTTP edge of <see cref="AgentRequestHandler"/>. The token is read at start;
/// without one the sidecar refuses to start.
/// </summary>
internal static class AwsAgentEndpoint
{
    public const string Key = "aws.agent.listen";
    public const string What = "AWS Secrets Manager Agent-compatible endpoint /secretsmanager/get /v1/<id> /ping (requires X-Aws-Parameters-Secrets-Token)";

    /// <summary>
    /// Loads the token (the sidecar refuses to start without one) and serves the agent's API. One call to Secrets
    /// Manager per cache miss, never retried here: a failed answer is the application's to retry.
    /// </summary>
    public static void Map(WebApplication app, AwsAgentSettings settings, AwsRuntime aws, TimeProvider time, ILogger<AgentRequestHandler> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(aws);
        AgentToken token;
        try
        {
            token = AgentToken.Load(settings.TokenSource, Environment.GetEnvironmentVariable, File.ReadAllText);
        }
        catch (AgentTokenException e)
        {
            throw new ConfigurationException([new ConfigError("aws.agent.token", e.Message)]);
        }

        var cache = new AgentCache(aws.Client, settings.Ttl, settings.MaxEntries, time);
        var handler = new AgentRequestHandler(cache, token, logger);
        ListenerRoute.Map(app, settings.Listen, context => ServeAsync(context, handler));
    }

    private static async Task ServeAsync(HttpContext context, AgentRequestHandler handler)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (target is null || !target.StartsWith('/'))
        {
            target = context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent();
        }

        var tokens = context.Request.Headers[AgentRequestHandler.TokenHeader];
        var request = new AgentRequest(context.Request.Method, target, tokens.Count == 1 ? tokens[0] : null, context.Request.Headers.ContainsKey("X-Forwarded-For"));
        var response = await handler.HandleAsync(request, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
