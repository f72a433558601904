namespace R3mes.Sidecar.Vault.Pki;

/// <summary>
/// A certificate kept in <c>state_dir</c>: the request it was issued for (<see cref="PkiRequest"/>, a hash), when the
/// sidecar asked for it, and Vault's fields (certificate, chain, key). A file in another shape reads as nothing.
/// </summary>
internal sealed record PersistedCertificate(string? Request, DateTimeOffset IssuedAt, Dictionary<string, string>? Fields);
