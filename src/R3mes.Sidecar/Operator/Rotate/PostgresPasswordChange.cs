using Npgsql;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Rotate;

/// <summary>
/// Changes a role's password inside a transaction that the caller commits only after the new password file is
/// written: a failed write rolls the change back, so PostgreSQL and the file never disagree.
/// </summary>
internal sealed class PostgresPasswordChange : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private PostgresPasswordChange(NpgsqlDataSource dataSource, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _dataSource = dataSource;
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Connects, begins, and runs <c>ALTER ROLE … PASSWORD '&lt;SCRAM verifier&gt;'</c>; not yet committed.</summary>
    public static async Task<PostgresPasswordChange> BeginAsync(string connectionString, string role, SecretValue password, CancellationToken cancellationToken)
    {
        // The slim builder: only the text and basic types one ALTER ROLE needs, which keeps the NativeAOT binary small.
        var dataSource = new NpgsqlSlimDataSourceBuilder(connectionString).Build();
        NpgsqlConnection? connection = null;
        try
        {
            connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var change = new PostgresPasswordChange(dataSource, connection, transaction);
            await using var command = new NpgsqlCommand($"ALTER ROLE {QuoteIdentifier(role)} WITH PASSWORD '{ScramVerifier.For(password)}'", connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return change;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw new OperatorException($"PostgreSQL: could not change the password of role '{role}', nothing was changed: {Describe(e)}");
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            throw new OperatorException($"PostgreSQL: the password change did not commit: {Describe(e)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>PostgreSQL's SQLSTATE and message; Npgsql never puts the statement (which holds only a verifier) in it.</summary>
    private static string Describe(Exception e) => e is PostgresException p ? $"{p.SqlState} {p.MessageText}" : e.Message;
}
