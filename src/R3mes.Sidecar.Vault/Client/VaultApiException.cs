using System.Net;

namespace R3mes.Sidecar.Vault.Client;

/// <summary>
/// Vault answered with an error: the status, Vault's messages, and which operation (method and path — never a
/// token or body). <see cref="IsInvalidToken"/> follows Vault Agent: 403 whose messages mention an invalid token.
/// </summary>
public sealed class VaultApiException : Exception, Diagnostics.IErrorReason
{
    public VaultApiException(HttpStatusCode status, IReadOnlyList<string> errors, string operation)
        : base($"vault {operation}: {(int)status} {(errors.Count == 0 ? status.ToString() : string.Join("; ", errors.Select(e => e.Replace('\n', ' ').Replace('\t', ' ').Trim())))}")
    {
        Status = status;
        Errors = errors;
    }

    public VaultApiException()
    {
        Errors = [];
    }

    public VaultApiException(string message) : base(message)
    {
        Errors = [];
    }

    public VaultApiException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [];
    }

    public HttpStatusCode Status { get; }

    public IReadOnlyList<string> Errors { get; }

    public bool IsPermissionDenied => Status == HttpStatusCode.Forbidden;

    public bool IsInvalidToken =>
        Status == HttpStatusCode.Forbidden && Errors.Any(e => e.Contains("invalid token", StringComparison.OrdinalIgnoreCase));

    public bool IsNotFound => Status == HttpStatusCode.NotFound;

    /// <summary>The metrics' <c>reason</c> label for this answer (docs/metrics.md).</summary>
    public string ErrorReason => (int)Status switch
    {
        403 or 401 => Diagnostics.ErrorReason.Denied,
        404 => Diagnostics.ErrorReason.NotFound,
        412 or 429 or >= 500 => Diagnostics.ErrorReason.Unavailable,
        _ => Diagnostics.ErrorReason.Rejected,
    };
}
