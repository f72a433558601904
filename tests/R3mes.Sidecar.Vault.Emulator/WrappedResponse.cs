namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>A response-wrapping token's payload: where it was created and the original response JSON.</summary>
public sealed record WrappedResponse(string CreationPath, DateTimeOffset Created, TimeSpan Ttl, string Body, string Accessor);
