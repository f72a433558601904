using Npgsql;

namespace R3mes.Sidecar.Operator.Rotate;

/// <summary>
/// <c>--postgres-admin-url</c>: a <c>postgresql://user:password@host:port/db?sslmode=…</c> URL or an Npgsql
/// connection string. A password left out comes from <c>PGPASSWORD</c>, which keeps it off the command line.
/// </summary>
internal static class PostgresAdmin
{
    public static string ConnectionString(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith("postgresql://", StringComparison.Ordinal) && !url.StartsWith("postgres://", StringComparison.Ordinal))
        {
            return Validated(url);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw OperatorException.Usage("--postgres-admin-url: not a postgresql://user@host:port/database URL");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Length > 1 ? Uri.UnescapeDataString(uri.AbsolutePath[1..]) : "postgres",
            Pooling = false,
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0)
        {
            builder.Username = Uri.UnescapeDataString(userInfo[0]);
        }

        if (userInfo.Length == 2)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[1]);
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            if (parts[0] == "sslmode" && parts.Length == 2)
            {
                builder.SslMode = Enum.TryParse<SslMode>(parts[1].Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var mode)
                    ? mode
                    : throw OperatorException.Usage($"--postgres-admin-url: unknown sslmode '{parts[1]}' (disable, prefer, require, verify-ca, verify-full)");
            }
        }

        return builder.ConnectionString;
    }

    private static string Validated(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;
        }
        catch (ArgumentException)
        {
            // The message could quote the string, which holds a password.
            throw OperatorException.Usage("--postgres-admin-url: neither a postgresql:// URL nor a valid connection string");
        }
    }
}
