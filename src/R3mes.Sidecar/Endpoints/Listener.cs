using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Endpoints;

/// <summary>One of the sidecar's listeners: the key it is configured under, its validated address, what it serves.</summary>
internal sealed record Listener(string Key, ListenAddress Address, string What);
