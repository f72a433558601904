using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace R3mes.Sidecar.Vault.Emulator.Database;

/// <summary>
/// How the PostgreSQL plugin runs role statements (plugins/database/postgresql/postgresql.go): plain <c>{{key}}</c>
/// substitution, each string split on <c>;</c> unless it contains the word END (a DO block), all in one transaction.
/// </summary>
internal static partial class PostgresStatements
{
    public const string DefaultRenew = "ALTER ROLE \"{{name}}\" VALID UNTIL '{{expiration}}';";

    public const string DefaultRotate = "ALTER ROLE \"{{username}}\" WITH PASSWORD '{{password}}';";

    /// <summary>Go's <c>2006-01-02 15:04:05-0700</c>, in UTC.</summary>
    public static string Expiration(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "+0000";

    public static IEnumerable<string> Split(IEnumerable<string> statements) => statements.SelectMany(s => MultiLine().IsMatch(s)
        ? [s]
        : s.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    public static string Substitute(string statement, IReadOnlyDictionary<string, string> values) =>
        values.Aggregate(statement, (sql, v) => sql.Replace("{{" + v.Key + "}}", v.Value, StringComparison.Ordinal));

    public static async Task ExecuteInTransactionAsync(NpgsqlDataSource dataSource, IEnumerable<string> statements, IReadOnlyDictionary<string, string> values)
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
        foreach (var sql in Split(statements))
        {
            await using var command = new NpgsqlCommand(Substitute(sql, values), connection, transaction);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        await transaction.CommitAsync().ConfigureAwait(false);
    }

    public static async Task<bool> RoleExistsAsync(NpgsqlDataSource dataSource, string username)
    {
        await using var command = dataSource.CreateCommand("SELECT exists (SELECT rolname FROM pg_roles WHERE rolname=$1);");
        command.Parameters.AddWithValue(username);
        return (bool)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    public static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex(@"\bEND\b")]
    private static partial Regex MultiLine();
}
