using System.Text;
using System.Xml.Linq;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// The aws auth method, iam type (builtin/credential/aws path_login.go): decode the iam_* fields, check the server
/// id header is present, equal and signed, forward the signed GetCallerIdentity to the configured STS endpoint over
/// HTTP as Vault does, then match the caller's canonical ARN to the role's bound ARN. Errors are 400 with Vault's wording.
/// </summary>
public sealed partial class VaultEmulator
{
    private const string ServerIdHeader = "X-Vault-AWS-IAM-Server-ID";
    private const string GetCallerIdentityBody = "Action=GetCallerIdentity&Version=2011-06-15";
    private static readonly HttpClient StsHttp = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
    private readonly Dictionary<string, AwsAuthRole> _awsRoles = new(StringComparer.Ordinal);
    private AwsAuthConfig? _awsAuth;

    /// <summary>Enables aws auth at <paramref name="mount"/>, forwarding to <paramref name="stsEndpoint"/> (sts_endpoint)
    /// and, when given, requiring <paramref name="serverIdHeaderValue"/> (iam_server_id_header_value).</summary>
    public void EnableAwsAuth(Uri stsEndpoint, string? serverIdHeaderValue = null, string mount = "aws")
    {
        lock (_gate)
        {
            _awsAuth = new AwsAuthConfig(mount.Trim('/'), stsEndpoint, serverIdHeaderValue);
        }
    }

    /// <summary>An iam role bound to <paramref name="boundIamPrincipalArn"/> (an assumed role matches its role ARN; a trailing * is a prefix).</summary>
    public void AddAwsRole(string name, string boundIamPrincipalArn, IReadOnlyList<string>? policies = null, TimeSpan ttl = default)
    {
        lock (_gate)
        {
            _awsRoles[name] = new AwsAuthRole(name, boundIamPrincipalArn, policies ?? ["default"], ttl == TimeSpan.Zero ? TimeSpan.FromMinutes(20) : ttl, Guid.NewGuid().ToString());
        }
    }

    private bool IsAwsLogin(string method, string apiPath)
    {
        lock (_gate)
        {
            return method == "POST" && _awsAuth is { } config && apiPath == $"auth/{config.Mount}/login";
        }
    }

    private async Task<EmulatorReply> AwsLoginAsync(EmulatorCall call)
    {
        AwsAuthConfig config;
        lock (_gate)
        {
            config = _awsAuth!;
        }

        var request = AwsIamRequest.Decode(call, out var error);
        if (request is null)
        {
            return EmulatorReply.Error(400, error!);
        }

        if (config.ServerIdHeaderValue is { } serverId && ValidateServerId(request.Headers, serverId) is { } serverIdError)
        {
            return EmulatorReply.Error(400, $"error validating {ServerIdHeader} header: {serverIdError}");
        }

        if (request.Body != GetCallerIdentityBody)
        {
            return EmulatorReply.Error(400, "error parsing iam_request_body: only Action=GetCallerIdentity&Version=2011-06-15 is allowed");
        }

        var (arn, userId, upstreamError) = await CallStsAsync(config.StsEndpoint, request).ConfigureAwait(false);
        if (upstreamError is not null)
        {
            return EmulatorReply.Error(400, $"error making upstream request: {upstreamError}");
        }

        if (IamPrincipal.Parse(arn!, out var arnError) is not { } principal)
        {
            return EmulatorReply.Error(400, $"error parsing arn \"{arn}\": {arnError}");
        }

        lock (_gate)
        {
            return IssueAwsToken(call, config, principal, arn!, userId!);
        }
    }

    private EmulatorReply IssueAwsToken(EmulatorCall call, AwsAuthConfig config, IamPrincipal principal, string arn, string userId)
    {
        var roleName = call.Str("role") is { Length: > 0 } r ? r : principal.FriendlyName;
        if (!_awsRoles.TryGetValue(roleName, out var role))
        {
            return EmulatorReply.Error(400, $"entry for role {roleName} not found");
        }

        var bound = role.BoundIamPrincipalArn;
        var matches = bound.EndsWith('*') ? arn.StartsWith(bound[..^1], StringComparison.Ordinal) || principal.CanonicalArn.StartsWith(bound[..^1], StringComparison.Ordinal)
            : bound == principal.CanonicalArn;
        if (!matches)
        {
            return EmulatorReply.Error(400, $"IAM Principal \"{arn}\" does not belong to the role \"{roleName}\"");
        }

        var metadata = new Dictionary<string, string>
        {
            ["client_arn"] = arn,
            ["canonical_arn"] = principal.CanonicalArn,
            ["client_user_id"] = userId.Split(':')[0],
            ["auth_type"] = "iam",
            ["inferred_entity_type"] = "",
            ["inferred_entity_id"] = "",
            ["inferred_aws_region"] = "",
            ["account_id"] = principal.Account,
            ["role_id"] = role.RoleId,
        };
        var token = IssueToken(role.Policies, role.Ttl, default, default, true, $"auth/{config.Mount}/login", null, metadata);
        return EmulatorReply.Ok(Envelope.Create(auth: Envelope.Auth(token, token.Ttl, metadata)));
    }

    private static string? ValidateServerId(IReadOnlyDictionary<string, string[]> headers, string expected)
    {
        var provided = headers.Where(h => string.Equals(h.Key, ServerIdHeader, StringComparison.OrdinalIgnoreCase)).Select(h => string.Join(',', h.Value)).FirstOrDefault();
        if (string.IsNullOrEmpty(provided))
        {
            return $"missing header \"{ServerIdHeader}\"";
        }

        if (provided != expected)
        {
            return $"expected \"{expected}\" but got \"{provided}\"";
        }

        if (!headers.TryGetValue("Authorization", out var authorization))
        {
            return "missing Authorization header";
        }

        var joined = string.Join(',', authorization);
        var start = joined.IndexOf("SignedHeaders=", StringComparison.Ordinal);
        if (start < 0)
        {
            return "vault header wasn't signed";
        }

        var signed = joined[(start + "SignedHeaders=".Length)..].Split(',')[0].Split(';');
        return signed.Contains(ServerIdHeader.ToLowerInvariant(), StringComparer.Ordinal) ? null : "vault header wasn't signed";
    }

    /// <summary>Like submitCallerIdentityRequest: same path and query on the configured endpoint, Host from the signed URL, headers and body as sent.</summary>
    private static async Task<(string? Arn, string? UserId, string? Error)> CallStsAsync(Uri endpoint, AwsIamRequest iam)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, iam.Url.PathAndQuery));
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(iam.Body));
        request.Headers.Host = iam.Url.Authority;
        foreach (var (name, values) in iam.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, values))
            {
                request.Content.Headers.TryAddWithoutValidation(name, values);
            }
        }

        try
        {
            using var response = await StsHttp.SendAsync(request).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if ((int)response.StatusCode != 200)
            {
                return (null, null, $"received error code {(int)response.StatusCode} from STS: {body}");
            }

            var result = XDocument.Parse(body).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "GetCallerIdentityResult");
            string? Field(string name) => result?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
            return Field("Arn") is { } arn ? (arn, Field("UserId") ?? "", null) : (null, null, "error parsing STS response");
        }
        catch (HttpRequestException e)
        {
            return (null, null, $"error making request: {e.Message}");
        }
        catch (System.Xml.XmlException)
        {
            return (null, null, "error parsing STS response");
        }
    }
}
