using Npgsql;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Rotate;

/// <summary>
/// Changes a role's password inside a transaction that the caller commits only after the new password file is
/// written: a failed write rolls the change back, so PostgreSQL and the file never disagree.
/// </summary>
internal sealed class PostgresPasswordChange : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;

    private PostgresPasswordChange(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>Connects, begins, and runs <c>ALTER ROLE … PASSWORD '&lt;SCRAM verifier&gt;'</c>; not yet committed.</summary>
    public static async Task<PostgresPasswordChange> BeginAsync(string connectionString, string role, SecretValue password, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var change = new PostgresPasswordChange(connection, transaction);
            await using var command = new NpgsqlCommand($"ALTER ROLE {QuoteIdentifier(role)} WITH PASSWORD '{ScramVerifier.For(password)}'", connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return change;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
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
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>PostgreSQL's SQLSTATE and message; Npgsql never puts the statement (which holds only a verifier) in it.</summary>
    private static string Describe(Exception e) => e is PostgresException p ? $"{p.SqlState} {p.MessageText}" : e.Message;
}
