using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Actions.Http;

/// <summary>
/// <c>{ http: { url: "http://127.0.0.1:3000/api/admin/provisioning/datasources/reload", method: POST,
/// headers: { Authorization: "Bearer …" }, timeout: 10s } }</c>. <c>url</c> is required: absolute http or https,
/// without credentials in it; <c>method</c> defaults to POST; <c>timeout</c> to 10s. Header values are never
/// echoed in errors.
/// </summary>
/// <remarks>
/// One client for every http action, owned here: no redirects, no cookies, no client timeout (each action applies
/// its own through the <see cref="TimeProvider"/>), and no request logging, which would show URLs with their query.
/// Connections are recycled every few minutes so a changed DNS answer is followed.
/// </remarks>
internal sealed class HttpActionFactory(TimeProvider timeProvider, ILoggerFactory loggerFactory) : IReloadActionFactory, IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly string[] Methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
    private const string UrlExample = "e.g. url: \"http://127.0.0.1:3000/api/admin/provisioning/datasources/reload\"";

    public string Kind => "http";

    public IReadOnlyCollection<string> OptionKeys => [];

    public IReloadAction? Create(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var section = context.Section.GetSection(Kind);
        var path = ConfigPath.Of(section);
        if (section.Value is not null || !section.GetChildren().Any())
        {
            context.Errors.Add(path, $"must be a mapping with at least url: e.g. http: {{ url: \"http://127.0.0.1:3000/api/reload\", method: POST }}");
            return null;
        }

        var options = ConfigBinding.Bind(section, HttpActionOptions.Keys, context.Errors, s => s.Get<HttpActionOptions>());
        var errorsBefore = context.Errors.All.Count;
        if (section.GetSection("headers").Value is not null)
        {
            context.Errors.Add($"{path}.headers", "must be a mapping of header names to values (not shown here), e.g. headers: { Authorization: \"Bearer …\" }");
        }

        var url = ReadUrl(options.Url, $"{path}.url", context.Errors);
        var method = ReadMethod(options.Method, $"{path}.method", context.Errors);
        var headers = HttpActionHeaders.Read(options.Headers, $"{path}.headers", context.Errors);
        var timeout = ActionTimeout.Read(options.Timeout, $"{path}.timeout", DefaultTimeout, context.Errors);
        return url is null || context.Errors.All.Count > errorsBefore
            ? null
            : new HttpAction(_client, method, url, headers, timeout, timeProvider, loggerFactory.CreateLogger<HttpAction>());
    }

    private static Uri? ReadUrl(string? text, string path, ConfigErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(path, $"say which URL to call, {UrlExample}");
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
        {
            errors.Add(path, $"'{text}' is not an absolute http or https URL: {UrlExample}");
            return null;
        }

        if (url.UserInfo.Length > 0)
        {
            errors.Add(path, "must not carry credentials (user:password@): send them in a header, e.g. headers: { Authorization: \"Basic …\" }");
            return null;
        }

        return url;
    }

    private static HttpMethod ReadMethod(string? text, string path, ConfigErrors errors)
    {
        if (text is null)
        {
            return HttpMethod.Post;
        }

        var name = text.Trim().ToUpperInvariant();
        if (Methods.Contains(name, StringComparer.Ordinal))
        {
            return new HttpMethod(name);
        }

        errors.Add(path, ConfigKeys.Unknown("method", text, Methods));
        return HttpMethod.Post;
    }

    public void Dispose() => _client.Dispose();
}
