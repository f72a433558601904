namespace R3mes.Sidecar.Operator.Catalog;

/// <summary>
/// The R3MES secrets and how each is made. Passwords use letters and digits only, so they need no quoting in a
/// connection URL, a shell or SQL; keys are hex. Lengths give at least 190 bits of entropy (docs/operator-secrets.md).
/// </summary>
internal static class R3mesCatalog
{
    public const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    public const string Hex = "0123456789abcdef";
    public const string DefaultPostgresUser = "r3mes";

    public static IReadOnlyList<R3mesSecret> All { get; } =
    [
        new("postgres_user", SecretKind.Named),
        new("postgres_password", SecretKind.Generated, 32, Alphanumeric),
        new("redis_password", SecretKind.Generated, 32, Alphanumeric),
        new("jwt_secret", SecretKind.Generated, 128, Hex),
        new("api_secret_key", SecretKind.Generated, 64, Hex),
        new("grafana_admin_password", SecretKind.Generated, 32, Alphanumeric),
        new("validator_key", SecretKind.Imported),
        new("node_key", SecretKind.Imported),
        new("ssl_certificate", SecretKind.TlsPair),
        new("ssl_private_key", SecretKind.TlsPair),
    ];

    public static R3mesSecret? Find(string name) => All.FirstOrDefault(s => s.Name == name);

    public static string Names => string.Join(", ", All.Select(s => s.Name));
}
