namespace R3mes.Sidecar.Fuzz.Tests.Targets;

/// <summary>
/// Which Vault answer a fuzzed body replaces: the path the source reads, the mount lookup that routes it (valid,
/// unless the mount lookup itself is the fuzzed answer) and the request that gets the body.
/// </summary>
internal sealed record VaultScenario(string Path, string MountBody, string FuzzedRequest);
