using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>Request handling: faults, seal and standby first, then unauthenticated routes, then token and policy checks.</summary>
public sealed partial class VaultEmulator
{
    private async Task HandleAsync(HttpContext context)
    {
        var token = Token(context.Request);
        var accessor = AccessorOf(token);
        var path = context.Request.Path.Value ?? "/";
        var query = context.Request.QueryString.Value ?? "";
        using var inFlight = EnterRequest(path);
        if (_faults.TryDequeue(out var fault) && !path.StartsWith("/v1/sys/health", StringComparison.Ordinal))
        {
            _requests.Enqueue(new EmulatorRequest(context.Request.Method, path, query, accessor, fault.Drop ? 0 : fault.Status));
            if (fault.Drop)
            {
                context.Abort();
                return;
            }

            await WriteAsync(context, EmulatorReply.Error(fault.Status, fault.Message ?? DefaultMessage(fault.Status))).ConfigureAwait(false);
            return;
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, TimeProvider.System).ConfigureAwait(false);
        }

        var reply = await RouteAsync(context, path, token).ConfigureAwait(false);
        reply = WrapIfAsked(context.Request, path, reply);
        await SweepLeasesAsync().ConfigureAwait(false);
        _requests.Enqueue(new EmulatorRequest(context.Request.Method, path, query, accessor, reply.Status));
        await WriteAsync(context, reply).ConfigureAwait(false);
    }

    private async Task<EmulatorReply> RouteAsync(HttpContext context, string path, string? token)
    {
        if (!path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return EmulatorReply.Error(404);
        }

        var apiPath = path[4..].TrimEnd('/');
        if (apiPath == "sys/health")
        {
            return Health(context.Request);
        }

        if (Sealed)
        {
            return EmulatorReply.Error(503, "Vault is sealed");
        }

        if (StandbyRedirect is { } active)
        {
            return new EmulatorReply(307, null, Location: new Uri(active, path + context.Request.QueryString.Value).ToString());
        }

        var method = context.Request.Method switch
        {
            "PUT" => "POST",
            "GET" when context.Request.Query["list"] == "true" => "LIST",
            var m => m,
        };
        JsonObject? body = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            try
            {
                body = await JsonNode.ParseAsync(context.Request.Body).ConfigureAwait(false) as JsonObject;
            }
            catch (JsonException)
            {
                return EmulatorReply.Error(400, "error parsing JSON");
            }
        }

        var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
        var call = new EmulatorCall(method, apiPath, query, body, token, context.Connection.ClientCertificate?.Thumbprint);
        if (LeasedEngineCall(call) is { } leased)
        {
            return leased;
        }

        if (DatabaseMountOf(apiPath) is { } database)
        {
            return await DatabaseAsync(call, database).ConfigureAwait(false);
        }

        if (IsAwsLogin(method, apiPath))
        {
            return await AwsLoginAsync(call).ConfigureAwait(false);
        }

        lock (_gate)
        {
            return Unauthenticated(call) ?? Authenticated(call);
        }
    }

    /// <summary>
    /// Response wrapping (http/logical.go respondLogical): with <c>X-Vault-Wrap-TTL</c>, a successful answer with a body
    /// is kept in the cubbyhole of a new wrapping token and only <c>wrap_info</c> is returned.
    /// </summary>
    private EmulatorReply WrapIfAsked(HttpRequest request, string path, EmulatorReply reply)
    {
        if (request.Headers["X-Vault-Wrap-TTL"].ToString() is not { Length: > 0 } header || reply.Status != 200 || reply.Body is null)
        {
            return reply;
        }

        TimeSpan ttl;
        try
        {
            ttl = EmulatorDuration.Parse(JsonValue.Create(header));
        }
        catch (FormatException)
        {
            return EmulatorReply.Error(400, "error parsing X-Vault-Wrap-TTL header: invalid duration");
        }

        var creationPath = path[4..].TrimEnd('/');
        var wrapping = Wrap(creationPath, reply.Body.ToJsonString(), ttl);
        string accessor;
        lock (_gate)
        {
            accessor = _wrapped[wrapping].Accessor;
        }

        return EmulatorReply.Ok(Envelope.Create(wrapInfo: new JsonObject
        {
            ["token"] = wrapping,
            ["accessor"] = accessor,
            ["ttl"] = (long)ttl.TotalSeconds,
            ["creation_time"] = Now.ToString("yyyy-MM-ddTHH:mm:ss.fffffffK", CultureInfo.InvariantCulture),
            ["creation_path"] = creationPath,
        }));
    }

    private EmulatorReply? Unauthenticated(EmulatorCall call)
    {
        var s = call.Segments;
        return call switch
        {
            { Method: "POST" } when s.Length >= 3 && s[0] == "auth" && s[^1] == "login" => Login(call, string.Join('/', s[1..^1])),
            { Method: "POST", Path: "sys/wrapping/unwrap" } => Unwrap(call),
            { Method: "POST", Path: "sys/wrapping/lookup" } => WrapLookup(call),
            _ => null,
        };
    }

    /// <summary>For engines routed outside <see cref="Authenticated"/>: a live token with the capability on the path (call under the lock).</summary>
    private (EmulatorReply? Denied, EmulatorToken? Token) Authorize(EmulatorCall call)
    {
        if (call.Token is null)
        {
            return (EmulatorReply.Error(403, "permission denied"), null);
        }

        if (!_tokens.TryGetValue(call.Token, out var token) || token.ExpiresAt <= Now)
        {
            return (EmulatorReply.InvalidToken, null);
        }

        return Allowed(token, call.Path, Capability(call.Method)) ? (null, token) : (EmulatorReply.Denied, token);
    }

    private EmulatorReply Authenticated(EmulatorCall call)
    {
        if (call.Token is null)
        {
            return EmulatorReply.Error(403, "permission denied");
        }

        if (!_tokens.TryGetValue(call.Token, out var token) || token.ExpiresAt <= Now)
        {
            return EmulatorReply.InvalidToken;
        }

        if (call.Path.StartsWith("auth/token/", StringComparison.Ordinal))
        {
            return TokenCall(call, token);
        }

        if (call.Path.StartsWith("sys/leases/", StringComparison.Ordinal) && call.Method == "POST")
        {
            return LeaseCall(call);
        }

        if (call.Path.StartsWith("sys/internal/ui/mounts/", StringComparison.Ordinal))
        {
            return MountInfo(call.Path["sys/internal/ui/mounts/".Length..], token);
        }

        if ((SystemCall(call, token) ?? AuthApiCall(call, token)) is { } configuration)
        {
            return configuration;
        }

        if (PkiMountOf(call.Path) is { } pki)
        {
            return Allowed(token, call.Path, Capability(call.Method)) ? Pki(call, token, pki) : EmulatorReply.Denied;
        }

        if (KvMountOf(call.Path) is { } mount)
        {
            return Kv(call, token, mount);
        }

        return token.IsRoot
            ? EmulatorReply.Error(404, $"no handler for route \"{call.Path}\". route entry not found.")
            : EmulatorReply.Denied;
    }

    private bool Allowed(EmulatorToken token, string path, string capability) =>
        token.IsRoot || token.Policies.Any(p => _policies.TryGetValue(p, out var policy) && policy.Allows(path, capability));

    private static string Capability(string method) => method switch
    {
        "GET" => "read",
        "LIST" => "list",
        "DELETE" => "delete",
        _ => "update",
    };

    private EmulatorReply Health(HttpRequest request)
    {
        var standby = StandbyRedirect is not null;
        var code = Sealed ? Code(request, "sealedcode", 503)
            : standby && !Flag(request, "standbyok") ? Code(request, "standbycode", 429)
            : Code(request, "activecode", 200);
        var body = new JsonObject
        {
            ["initialized"] = true,
            ["sealed"] = Sealed,
            ["standby"] = standby,
            ["performance_standby"] = false,
            ["replication_performance_mode"] = "disabled",
            ["replication_dr_mode"] = "disabled",
            ["server_time_utc"] = Now.ToUnixTimeSeconds(),
            ["version"] = "1.18.0",
            ["enterprise"] = false,
            ["echo_duration_ms"] = 0,
            ["clock_skew_ms"] = 0,
            ["replication_primary_canary_age_ms"] = 0,
        };
        if (!Sealed)
        {
            body["cluster_name"] = "vault-cluster-emulator";
            body["cluster_id"] = "995f749a-9bc3-fbe0-a185-ccba6999fc73";
        }

        return new EmulatorReply(code, request.Method == "HEAD" ? null : body);
    }

    private static int Code(HttpRequest request, string name, int fallback) =>
        int.TryParse(request.Query[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : fallback;

    private static bool Flag(HttpRequest request, string name) => request.Query[name].ToString() is "true" or "1";

    private static string DefaultMessage(int status) => status switch
    {
        412 => "required index state not present",
        429 => "rate limit quota exceeded",
        503 => "Vault is sealed",
        _ => "internal error",
    };

    private static string? Token(HttpRequest request)
    {
        if (request.Headers["X-Vault-Token"].ToString() is { Length: > 0 } token)
        {
            return token;
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..].Trim() : null;
    }

    private string? AccessorOf(string? token)
    {
        if (token is null)
        {
            return null;
        }

        lock (_gate)
        {
            return _tokens.TryGetValue(token, out var t) ? t.Accessor : _wrapped.TryGetValue(token, out var w) ? w.Accessor : "unknown";
        }
    }

    private static async Task WriteAsync(HttpContext context, EmulatorReply reply)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        if (context.Request.Headers["X-Vault-Namespace"].ToString() is { Length: > 0 } ns)
        {
            response.Headers["X-Vault-Namespace"] = ns;
        }

        response.StatusCode = reply.Status;
        if (reply.Location is not null)
        {
            response.Headers.Location = reply.Location;
            return;
        }

        if (reply.Raw is not null || reply.Body is not null)
        {
            response.ContentType = "application/json";
            await response.WriteAsync(reply.Raw ?? reply.Body!.ToJsonString() + "\n").ConfigureAwait(false);
        }
    }
}
