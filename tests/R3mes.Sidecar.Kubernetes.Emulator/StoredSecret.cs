namespace R3mes.Sidecar.Kubernetes.Emulator;

/// <summary>A Secret as stored: its data (raw bytes) and the resource version of its last write.</summary>
public sealed record StoredSecret(string Namespace, string Name, string Uid, IReadOnlyDictionary<string, byte[]> Data, long ResourceVersion, DateTimeOffset Created);
