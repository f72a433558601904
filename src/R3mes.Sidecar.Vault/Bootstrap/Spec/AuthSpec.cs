namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary><c>auth:</c> — the auth methods to enable: AppRole (its mount) and Kubernetes (mount and cluster).</summary>
internal sealed record AuthSpec(string? AppRoleMount, KubernetesAuthSpec? Kubernetes);
