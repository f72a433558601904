namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>A PKI role (<c>&lt;mount&gt;/roles/&lt;name&gt;</c>): which names it may issue for, TTLs and key type.</summary>
internal sealed record PkiRoleSpec(
    string Name,
    IReadOnlyList<string> AllowedDomains,
    bool AllowSubdomains,
    bool AllowBareDomains,
    bool AllowLocalhost,
    TimeSpan Ttl,
    TimeSpan MaxTtl,
    string KeyType,
    int KeyBits);
