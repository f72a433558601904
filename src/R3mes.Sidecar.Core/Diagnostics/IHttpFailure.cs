using System.Net;

namespace R3mes.Sidecar.Diagnostics;

/// <summary>A backend answered with an HTTP error status (Vault, AWS): lets <see cref="FailureReason"/> classify it without knowing the client.</summary>
public interface IHttpFailure
{
    HttpStatusCode Status { get; }
}
