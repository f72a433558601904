namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>The Kubernetes auth method: its mount, the API server Vault reviews tokens with, and its CA (PEM, from a file).</summary>
internal sealed record KubernetesAuthSpec(string Mount, string Host, string? CaCertificate);
