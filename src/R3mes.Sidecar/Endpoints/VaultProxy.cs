using Microsoft.AspNetCore.Http.Features;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Vault;
using R3mes.Sidecar.Vault.Client;
using Yarp.ReverseProxy.Forwarder;

namespace R3mes.Sidecar.Endpoints;

/// <summary>
/// The optional Vault API proxy (<c>vault.proxy</c>): <c>/v1/*</c> on its own loopback listener, forwarded only to
/// the configured Vault with the sidecar's token added when the request has none (or always, with
/// <c>use_auto_auth_token: force</c>). Because it lends a token to whoever reaches it, every request must carry
/// <c>X-Vault-Request: true</c> (412 otherwise, as Vault Agent's <c>require_request_header</c>), so a browser or an
/// SSRF cannot borrow it; request targets are taken literally — absolute-form targets, <c>.</c>/<c>..</c> segments
/// and encoded slashes, backslashes or dots are refused.
/// </summary>
internal static class VaultProxy
{
    public const string Key = "vault.proxy.listen";
    public const string What = "Vault API proxy /v1/* (requires X-Vault-Request: true)";

    public static void Configure(WebApplicationBuilder builder) => builder.Services.AddHttpForwarder();

    public static void Map(WebApplication app, ListenAddress address, VaultRuntime vault, IHttpForwarder forwarder)
    {
        ArgumentNullException.ThrowIfNull(vault);
        var settings = vault.Settings ?? throw new InvalidOperationException("vault.proxy needs a vault section");
        var invoker = new HttpMessageInvoker(VaultHttp.CreateHandler(settings.Tls));
        var destination = settings.Address.ToString();
        var force = settings.Proxy?.ForceAutoAuthToken == true;

        // One attempt: YARP's forwarder does not retry, and a proxied request is the application's to retry.
        ListenerRoute.Map(app, address, async context =>
        {
            if (Refusal(context) is { } refusal)
            {
                await Refuse(context, refusal.Status, refusal.Message).ConfigureAwait(false);
                return;
            }

            var transformer = new TokenTransformer(vault, force);
            var error = await forwarder.SendAsync(context, destination, invoker, ForwarderRequestConfig.Empty, transformer).ConfigureAwait(false);
            if (error != ForwarderError.None && !context.Response.HasStarted)
            {
                await Refuse(context, StatusCodes.Status502BadGateway, $"vault proxy: {error}").ConfigureAwait(false);
            }
        });
    }

    internal static (int Status, string Message)? Refusal(HttpContext context)
    {
        if (!string.Equals(context.Request.Headers["X-Vault-Request"], "true", StringComparison.OrdinalIgnoreCase))
        {
            return (StatusCodes.Status412PreconditionFailed, "missing 'X-Vault-Request: true' header");
        }

        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        var path = target.Split('?', 2)[0];
        if (!path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return (StatusCodes.Status400BadRequest, "only /v1/ paths are forwarded, in origin form");
        }

        if (path.Contains('\\', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal) || path.Contains("%2f", StringComparison.OrdinalIgnoreCase) ||
            path.Contains("%5c", StringComparison.OrdinalIgnoreCase) || path.Contains("%2e", StringComparison.OrdinalIgnoreCase) ||
            path.Split('/').Any(s => s is "." or ".."))
        {
            return (StatusCodes.Status400BadRequest, "path segments must not be '.', '..' or contain encoded slashes, backslashes or dots");
        }

        return null;
    }

    private static Task Refuse(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync($"{{\"errors\":[\"{message}\"]}}\n");
    }

    /// <summary>Adds the sidecar's token unless the app sent its own (or always, when forced).</summary>
    private sealed class TokenTransformer(VaultRuntime vault, bool force) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
            var hasToken = proxyRequest.Headers.Contains("X-Vault-Token") || proxyRequest.Headers.Authorization is not null;
            if (force || !hasToken)
            {
                proxyRequest.Headers.Remove("X-Vault-Token");
                proxyRequest.Headers.Authorization = null;
                var token = await vault.Session.TokenAsync(cancellationToken).ConfigureAwait(false);
                proxyRequest.Headers.TryAddWithoutValidation("X-Vault-Token", token.Value.RevealUtf8());
            }

            proxyRequest.Headers.Host = null;
        }
    }
}
