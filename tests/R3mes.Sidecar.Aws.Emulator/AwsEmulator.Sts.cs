using System.Globalization;
using System.Xml.Linq;

namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>STS over the query protocol: GetCallerIdentity (signed, service sts) and AssumeRoleWithWebIdentity
/// (unsigned; tokens registered with <see cref="AllowWebIdentity"/>), with STS's XML errors.</summary>
public sealed partial class AwsEmulator
{
    private static readonly XNamespace StsNs = "https://sts.amazonaws.com/doc/2011-06-15/";
    private readonly Dictionary<string, string> _webIdentities = new(StringComparer.Ordinal);

    /// <summary>AssumeRoleWithWebIdentity accepts <paramref name="token"/> for <paramref name="roleArn"/>.</summary>
    public void AllowWebIdentity(string token, string roleArn)
    {
        lock (_gate)
        {
            _webIdentities[token] = roleArn;
        }
    }

    /// <summary>Registers a new temporary key (ASIA…, session token, expiry) for <paramref name="principalArn"/>.</summary>
    public AwsCredential IssueTemporaryCredentials(string principalArn, TimeSpan lifetime, string? userId = null)
    {
        var credential = AddCredentials("ASIA" + RandomText(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), RandomText(40),
            RandomText(220), Now + lifetime, principalArn);
        if (userId is null)
        {
            return credential;
        }

        credential = credential with { UserId = userId };
        lock (_gate)
        {
            _credentials[credential.AccessKeyId] = credential;
        }

        return credential;
    }

    private (AwsReply Reply, string? SecretId, string? AccessKeyId) Sts(AwsCall call, string action)
    {
        if (action == "AssumeRoleWithWebIdentity")
        {
            return (AssumeRoleWithWebIdentity(call), null, null);
        }

        var check = Verify(call, "sts");
        if (check.Failed)
        {
            var (status, code, message) = StsCode(check.Code!, check.Message!);
            return (StsError(status, code, message, call.RequestId), null, null);
        }

        var credential = check.Credential!;
        var reply = action switch
        {
            "GetCallerIdentity" => StsResult(action, call.RequestId,
                new XElement(StsNs + "Arn", credential.PrincipalArn),
                new XElement(StsNs + "UserId", credential.UserId),
                new XElement(StsNs + "Account", AccountOf(credential.PrincipalArn))),
            _ => StsError(400, "InvalidAction", $"Could not find operation {action} for version 2011-06-15", call.RequestId),
        };
        return (reply, null, credential.AccessKeyId);
    }

    private AwsReply AssumeRoleWithWebIdentity(AwsCall call)
    {
        var form = call.Form!;
        foreach (var field in new[] { "RoleArn", "RoleSessionName", "WebIdentityToken" })
        {
            if (string.IsNullOrEmpty(form.GetValueOrDefault(field)))
            {
                return StsError(400, "ValidationError",
                    $"1 validation error detected: Value null at '{char.ToLowerInvariant(field[0])}{field[1..]}' failed to satisfy constraint: Member must not be null", call.RequestId);
            }
        }

        string? allowedRole;
        lock (_gate)
        {
            _webIdentities.TryGetValue(form["WebIdentityToken"], out allowedRole);
        }

        if (allowedRole is null)
        {
            return StsError(400, "InvalidIdentityToken",
                "The web identity token that was passed could not be validated by AWS. Get a new identity token from the identity provider and then retry the request.", call.RequestId);
        }

        if (allowedRole != form["RoleArn"])
        {
            return StsError(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity", call.RequestId);
        }

        var roleName = form["RoleArn"][(form["RoleArn"].LastIndexOf('/') + 1)..];
        var session = form["RoleSessionName"];
        var assumedArn = $"arn:aws:sts::{AccountOf(form["RoleArn"])}:assumed-role/{roleName}/{session}";
        var roleId = "AROA" + RandomText(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        var lifetime = int.TryParse(form.GetValueOrDefault("DurationSeconds"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds) : _options.AssumedRoleLifetime;
        var credential = IssueTemporaryCredentials(assumedArn, lifetime, $"{roleId}:{session}");
        return StsResult("AssumeRoleWithWebIdentity", call.RequestId,
            new XElement(StsNs + "Credentials",
                new XElement(StsNs + "AccessKeyId", credential.AccessKeyId),
                new XElement(StsNs + "SecretAccessKey", credential.SecretKey),
                new XElement(StsNs + "SessionToken", credential.SessionToken),
                new XElement(StsNs + "Expiration", Iso8601(credential.Expires!.Value))),
            new XElement(StsNs + "SubjectFromWebIdentityToken", "system:serviceaccount:default:default"),
            new XElement(StsNs + "AssumedRoleUser",
                new XElement(StsNs + "AssumedRoleId", credential.UserId),
                new XElement(StsNs + "Arn", assumedArn)),
            new XElement(StsNs + "Provider", "emulator"),
            new XElement(StsNs + "Audience", "sts.amazonaws.com"));
    }

    private static AwsReply StsResult(string action, string requestId, params object[] result) => AwsReply.Xml(new XElement(StsNs + $"{action}Response",
        new XElement(StsNs + $"{action}Result", result),
        new XElement(StsNs + "ResponseMetadata", new XElement(StsNs + "RequestId", requestId))).ToString());

    private static AwsReply StsError(int status, string code, string message, string requestId) => new(status, "text/xml",
        new XElement(StsNs + "ErrorResponse",
            new XElement(StsNs + "Error",
                new XElement(StsNs + "Type", status >= 500 ? "Receiver" : "Sender"),
                new XElement(StsNs + "Code", code),
                new XElement(StsNs + "Message", message)),
            new XElement(StsNs + "RequestId", requestId)).ToString(), code);

    /// <summary>The JSON-protocol code of a failed check in STS's words and statuses.</summary>
    private static (int Status, string Code, string Message) StsCode(string code, string message) => code switch
    {
        "UnrecognizedClientException" => (403, "InvalidClientTokenId", message),
        "InvalidSignatureException" => (403, "SignatureDoesNotMatch", message),
        "IncompleteSignatureException" => (400, "IncompleteSignature", message),
        "ExpiredTokenException" => (400, "ExpiredToken", message),
        "MissingAuthenticationTokenException" => (403, "MissingAuthenticationToken", "Request is missing Authentication Token"),
        _ => (400, code, message),
    };

    private static string AccountOf(string arn) => arn.Split(':') is { Length: > 4 } parts ? parts[4] : "";

    internal static string Iso8601(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
