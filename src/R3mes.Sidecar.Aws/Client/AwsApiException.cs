using System.Net;

namespace R3mes.Sidecar.Aws.Client;

/// <summary>
/// AWS answered with an error: the operation, the status, the error code (<c>__type</c> or <c>X-Amzn-ErrorType</c>
/// without its <c>namespace#</c> prefix or <c>:…</c> suffix) and AWS's message, cut short and stripped of control
/// characters. Never a request or response body.
/// </summary>
public sealed class AwsApiException : Exception, R3mes.Sidecar.Diagnostics.IHttpFailure
{
    public AwsApiException(string operation, HttpStatusCode status, string code, string? message)
        : base($"aws {operation}: {(int)status} {code}{(string.IsNullOrEmpty(message) ? "" : ": " + Clean(message))}")
    {
        Operation = operation;
        Status = status;
        Code = code;
        AwsMessage = string.IsNullOrEmpty(message) ? null : Clean(message);
    }

    public AwsApiException()
    {
        Operation = Code = "";
    }

    public AwsApiException(string message) : base(message)
    {
        Operation = Code = "";
    }

    public AwsApiException(string message, Exception innerException) : base(message, innerException)
    {
        Operation = Code = "";
    }

    public string Operation { get; }

    public HttpStatusCode Status { get; }

    public string Code { get; }

    /// <summary>AWS's own message (cut short, control characters replaced), which the agent-compatible endpoint passes on.</summary>
    public string? AwsMessage { get; }

    /// <summary>Worth retrying: throttling, server errors.</summary>
    public bool IsTransient => (int)Status >= 500 || Code is "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded";

    public bool IsNotFound => Code == "ResourceNotFoundException";

    /// <summary>
    /// The status the failure's <c>reason</c> label is taken from (<see cref="R3mes.Sidecar.Diagnostics.FailureReason"/>):
    /// AWS answers throttling and rejected credentials or signatures with 400 as often as with 429/403, so the code
    /// decides — a throttling code counts as 429 (<c>throttled</c>), a credential, signature or permission code as 403
    /// (<c>denied</c>), anything else as the status AWS sent (docs/metrics.md). <see cref="Status"/> stays what AWS sent.
    /// </summary>
    HttpStatusCode R3mes.Sidecar.Diagnostics.IHttpFailure.Status => Code switch
    {
        "ThrottlingException" or "Throttling" or "TooManyRequestsException" or "RequestLimitExceeded" => HttpStatusCode.TooManyRequests,
        "AccessDeniedException" or "AccessDenied" or "NotAuthorized" or "UnrecognizedClientException" or "InvalidClientTokenId"
            or "InvalidSignatureException" or "SignatureDoesNotMatch" or "IncompleteSignature" or "IncompleteSignatureException"
            or "MissingAuthenticationToken" or "MissingAuthenticationTokenException" or "ExpiredToken" or "ExpiredTokenException" => HttpStatusCode.Forbidden,
        // A 200 whose body is not the expected JSON is no HTTP failure: no status, so the reason is other.
        "MalformedResponse" => 0,
        _ => Status,
    };

    /// <summary>The code from a header or body value: <c>aws.protocoltests#ThrottlingException:http://…</c> → <c>ThrottlingException</c>.</summary>
    public static string NormalizeCode(string? raw)
    {
        var code = raw ?? "";
        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return (colon >= 0 ? code[..colon] : code).Trim();
    }

    private static string Clean(string message)
    {
        var cleaned = new string([.. message.Take(300).Select(c => char.IsControl(c) ? ' ' : c)]);
        return message.Length > 300 ? cleaned + "…" : cleaned;
    }
}
