namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// The health of one backend as last observed: a fetch that reached it, a fetch that could not (unreachable, timed
/// out, a server error), or a session event (a Vault login). Reported by <c>/status</c> and
/// <c>r3mes_sidecar_backend_up</c>; never part of readiness, so an outage does not take a ready sidecar out of service.
/// </summary>
public sealed record BackendStatus(string Name, bool Up, string? LastError, DateTimeOffset Since);
