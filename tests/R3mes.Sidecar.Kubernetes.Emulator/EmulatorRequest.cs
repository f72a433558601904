namespace R3mes.Sidecar.Kubernetes.Emulator;

/// <summary>
/// One request as the emulator saw it: the verb (get, list, watch, create, update, delete), the object it named
/// (from the path or the metadata.name field selector), the resourceVersion asked for, the status answered, and
/// the bearer token it carried (test tokens only).
/// </summary>
public sealed record EmulatorRequest(string Verb, string? Namespace, string? Name, string? ResourceVersion, int Status, string? Token);
