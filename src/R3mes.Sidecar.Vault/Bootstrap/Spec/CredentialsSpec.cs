namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// <c>credentials:</c> — where each AppRole service's <c>role-id</c> and response-wrapped <c>secret-id</c> are written
/// (<c>&lt;dir&gt;/&lt;service&gt;/</c>, directories 0700, files 0600), and the wrapping token's TTL.
/// </summary>
internal sealed record CredentialsSpec(string Directory, TimeSpan WrapTtl);
