using Npgsql;

namespace R3mes.Sidecar.Vault.Emulator.Database;

/// <summary>
/// The plugin's <c>DeleteUser</c>: the role's revocation statements in a transaction, or the default sequence
/// (revoke grants per schema, on public, CONNECT on the database, each outside a transaction, then DROP ROLE IF EXISTS).
/// </summary>
internal static class PostgresUserRevoker
{
    public static async Task DeleteUserAsync(NpgsqlDataSource dataSource, string username, IReadOnlyList<string> revocationStatements)
    {
        if (revocationStatements.Count > 0)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["name"] = username, ["username"] = username };
            await PostgresStatements.ExecuteInTransactionAsync(dataSource, revocationStatements, values).ConfigureAwait(false);
            return;
        }

        if (!await PostgresStatements.RoleExistsAsync(dataSource, username).ConfigureAwait(false))
        {
            return;
        }

        var user = PostgresStatements.QuoteIdentifier(username);
        var statements = new List<string>();
        await using (var schemas = dataSource.CreateCommand("SELECT DISTINCT table_schema FROM information_schema.role_column_grants WHERE grantee=$1;"))
        {
            schemas.Parameters.AddWithValue(username);
            await using var reader = await schemas.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                var schema = PostgresStatements.QuoteIdentifier(reader.GetString(0));
                statements.Add($"REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA {schema} FROM {user};");
                statements.Add($"REVOKE USAGE ON SCHEMA {schema} FROM {user};");
            }
        }

        statements.Add($"REVOKE ALL PRIVILEGES ON ALL TABLES IN SCHEMA public FROM {user};");
        statements.Add($"REVOKE ALL PRIVILEGES ON ALL SEQUENCES IN SCHEMA public FROM {user};");
        statements.Add($"REVOKE USAGE ON SCHEMA public FROM {user};");
        await using (var database = dataSource.CreateCommand("SELECT current_database();"))
        {
            var name = (string)(await database.ExecuteScalarAsync().ConfigureAwait(false))!;
            statements.Add($"REVOKE CONNECT ON DATABASE {PostgresStatements.QuoteIdentifier(name)} FROM {user};");
        }

        var errors = new List<Exception>();
        foreach (var sql in statements)
        {
            try
            {
                await using var command = dataSource.CreateCommand(sql);
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
            }
            catch (PostgresException e)
            {
                errors.Add(e);
            }
        }

        await using (var drop = dataSource.CreateCommand($"DROP ROLE IF EXISTS {user};"))
        {
            await drop.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        if (errors.Count > 0)
        {
            throw new AggregateException($"revoking {username}", errors);
        }
    }
}
