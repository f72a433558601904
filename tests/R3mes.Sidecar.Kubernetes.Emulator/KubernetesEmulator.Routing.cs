using Microsoft.AspNetCore.Http;

namespace R3mes.Sidecar.Kubernetes.Emulator;

/// <summary>
/// Request handling: the bearer token, then <c>/api/v1/namespaces/NS/secrets[/NAME]</c> by method (GET list/watch
/// on the collection, GET/PUT/DELETE on an item, POST on the collection), then the RBAC scope when configured.
/// Every error body is a Status.
/// </summary>
public sealed partial class KubernetesEmulator
{
    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
        var segments = (request.Path.Value ?? "").Trim('/').Split('/');
        var routed = segments is ["api", "v1", "namespaces", _, "secrets"] or ["api", "v1", "namespaces", _, "secrets", _];
        var ns = routed ? segments[3] : null;
        var name = routed && segments.Length == 6 ? segments[5] : null;
        var watch = request.Query["watch"].ToString() is "1" or "true";
        var verb = (request.Method, name, watch) switch
        {
            ("GET", null, true) => "watch",
            ("GET", null, false) => "list",
            ("GET", _, _) => "get",
            ("POST", null, _) => "create",
            ("PUT", not null, _) => "update",
            ("DELETE", not null, _) => "delete",
            _ => "unknown",
        };
        var resourceVersion = request.Query.ContainsKey("resourceVersion") ? request.Query["resourceVersion"].ToString() : null;
        if (TakeThrottled())
        {
            Record(verb, ns, name, resourceVersion, 429, token);
            context.Response.Headers.RetryAfter = "1";
            await WriteStatusAsync(context, 429, "TooManyRequests", "Too many requests, please try again later.");
            return;
        }

        if (token is null || token != Token)
        {
            Record(verb, ns, name, resourceVersion, 401, token);
            await WriteStatusAsync(context, 401, "Unauthorized", "Unauthorized");
            return;
        }

        if (!routed || verb == "unknown")
        {
            Record(verb, ns, name, resourceVersion, 404, token);
            await WriteStatusAsync(context, 404, "NotFound", "the server could not find the requested resource");
            return;
        }

        string? selectorName = null, selectorNamespace = null, problem = null;
        if (name is null && !FieldSelector.TryParse(request.Query["fieldSelector"].ToString(), out selectorName, out selectorNamespace, out problem))
        {
            Record(verb, ns, null, resourceVersion, 400, token);
            await WriteStatusAsync(context, 400, "BadRequest", problem!);
            return;
        }

        var target = name ?? selectorName;
        if (Forbidden(verb, ns!, target) is { } denial)
        {
            Record(verb, ns, target, resourceVersion, 403, token);
            await WriteStatusAsync(context, 403, "Forbidden", denial);
            return;
        }

        var outOfNamespace = selectorNamespace is not null && selectorNamespace != ns;
        var status = verb switch
        {
            "watch" => await WatchAsync(context, ns!, target, resourceVersion, outOfNamespace, token),
            "list" => await ListAsync(context, ns!, target, resourceVersion, outOfNamespace),
            "get" => await GetAsync(context, ns!, name!),
            "create" => await CreateAsync(context, ns!),
            "update" => await UpdateAsync(context, ns!, name!),
            _ => await DeleteAsync(context, ns!, name!),
        };
        if (verb != "watch")
        {
            Record(verb, ns, target, resourceVersion, status, token);
        }
    }

    private bool TakeThrottled()
    {
        lock (_gate)
        {
            return _throttled > 0 && _throttled-- > 0;
        }
    }

    /// <summary>RBAC with <c>resourceNames</c>: a named verb on a listed name only; list and watch only with a matching name selector; never create.</summary>
    private string? Forbidden(string verb, string ns, string? name)
    {
        if (_options.ResourceNames is not { } names)
        {
            return null;
        }

        var allowed = _options.AllowedVerbs.Contains(verb) && name is not null && names.Contains($"{ns}/{name}");
        return allowed ? null
            : $"secrets{(name is null ? "" : $" \"{name}\"")} is forbidden: User \"system:serviceaccount:{ns}:sidecar\" cannot {verb} resource \"secrets\" in API group \"\" in the namespace \"{ns}\"";
    }

    internal static async Task<int> WriteStatusAsync(HttpContext context, int code, string reason, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(ApiJson.Status(code, reason, message));
        return code;
    }

    internal static async Task<int> WriteJsonAsync(HttpContext context, int code, string json)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
        return code;
    }
}
