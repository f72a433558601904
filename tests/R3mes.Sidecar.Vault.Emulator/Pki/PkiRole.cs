namespace R3mes.Sidecar.Vault.Emulator.Pki;

/// <summary>A <c>&lt;mount&gt;/roles/&lt;name&gt;</c> entry (builtin/logical/pki/path_roles.go), with Vault's defaults.</summary>
internal sealed record PkiRole(
    string Name,
    IReadOnlyList<string> AllowedDomains,
    bool AllowSubdomains,
    bool AllowBareDomains,
    bool AllowAnyName,
    bool AllowIpSans,
    bool AllowLocalhost,
    TimeSpan Ttl,
    TimeSpan MaxTtl,
    string KeyType,
    int KeyBits,
    bool GenerateLease);
