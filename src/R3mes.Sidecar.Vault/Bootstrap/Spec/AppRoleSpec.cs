namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>The service's AppRole (named like the service): token and secret-id lifetimes.</summary>
internal sealed record AppRoleSpec(TimeSpan TokenTtl, TimeSpan TokenMaxTtl, TimeSpan SecretIdTtl, int SecretIdNumUses);
