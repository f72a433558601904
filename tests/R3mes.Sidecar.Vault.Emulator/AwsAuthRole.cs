namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>An aws-auth role of type iam: the bound principal ARN (exact, or a prefix ending in *), policies and TTL.</summary>
internal sealed record AwsAuthRole(string Name, string BoundIamPrincipalArn, IReadOnlyList<string> Policies, TimeSpan Ttl, string RoleId);
