namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// One service's sidecar: the Vault paths it reads, exactly as its <c>source: { vault: … }</c> says them (KV secrets,
/// <c>database/creds/&lt;role&gt;</c>, <c>pki/issue/&lt;role&gt;</c>), and how it logs in. Its policy is generated
/// from those paths and nothing else.
/// </summary>
internal sealed record ServiceSpec(
    string Name,
    IReadOnlyList<string> Kv,
    IReadOnlyList<string> Database,
    IReadOnlyList<string> Pki,
    AppRoleSpec? AppRole,
    KubernetesRoleSpec? Kubernetes);
