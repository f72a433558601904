namespace R3mes.Sidecar.Operator.Rotate;

/// <summary>What <c>secrets rotate</c> was asked: which secrets, and the optional PostgreSQL and Vault steps.</summary>
internal sealed record RotateRequest(
    string Directory,
    IReadOnlyList<string> Secrets,
    bool All,
    string? PostgresAdminUrl,
    string? PostgresRole,
    string? VaultPath);
