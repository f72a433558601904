namespace R3mes.Backend.Example;

/// <summary>Where the database is and where the sidecar writes the credentials (command line or environment).</summary>
internal sealed record BackendOptions(string SecretsDirectory, string Host, int Port, string Database, string? PidFile)
{
    public static BackendOptions From(IConfiguration configuration) => new(
        configuration["secrets-dir"] ?? configuration["R3MES_SECRETS_DIR"] ?? "/run/secrets",
        configuration["pg-host"] ?? "127.0.0.1",
        int.TryParse(configuration["pg-port"], System.Globalization.CultureInfo.InvariantCulture, out var port) ? port : 5432,
        configuration["pg-database"] ?? "postgres",
        configuration["pidfile"]);
}
