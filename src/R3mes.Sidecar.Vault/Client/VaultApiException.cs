using System.Net;

namespace R3mes.Sidecar.Vault.Client;

/// <summary>
/// Vault answered with an error: the status, Vault's messages, and which operation (method and path — never a
/// token or body). <see cref="IsInvalidToken"/> follows Vault Agent: 403 whose messages mention an invalid token.
/// </summary>
public sealed class VaultApiException : Exception, R3mes.Sidecar.Diagnostics.IHttpFailure
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
}
