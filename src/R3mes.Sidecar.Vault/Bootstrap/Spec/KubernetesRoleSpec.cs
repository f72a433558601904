namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>The service's Kubernetes role (named like the service): the service accounts and namespaces it binds.</summary>
internal sealed record KubernetesRoleSpec(IReadOnlyList<string> ServiceAccounts, IReadOnlyList<string> Namespaces, TimeSpan TokenTtl, TimeSpan TokenMaxTtl);
