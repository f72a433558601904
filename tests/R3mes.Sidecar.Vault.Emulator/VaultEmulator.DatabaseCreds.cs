using System.Text.Json.Nodes;
using Npgsql;
using R3mes.Sidecar.Vault.Emulator.Database;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// <c>&lt;mount&gt;/creds/&lt;role&gt;</c> (builtin/logical/database/path_creds_create.go): a real PostgreSQL role per
/// request, leased as a child of the requesting token; renew moves VALID UNTIL, revoke drops the role.
/// </summary>
public sealed partial class VaultEmulator
{
    /// <summary>The system default (and mount max) lease TTL: 768h.</summary>
    private static readonly TimeSpan SystemMaxTtl = TimeSpan.FromHours(768);

    /// <summary>The plugin sets VALID UNTIL this much past the lease's expiry.</summary>
    private static readonly TimeSpan ExpirationBuffer = TimeSpan.FromSeconds(5);

    private async Task<EmulatorReply> CreateCredentialsAsync(EmulatorCall call, DatabaseMount mount, string roleName, EmulatorToken token)
    {
        DatabaseRole? role;
        DatabaseConnection? connection;
        lock (_gate)
        {
            if (!mount.Roles.TryGetValue(roleName, out role))
            {
                return EmulatorReply.Error(400, $"unknown role: {roleName}");
            }

            mount.Connections.TryGetValue(role.DbName, out connection);
        }

        if (connection is null)
        {
            return EmulatorReply.Error(500, $"plugin \"{role.DbName}\" not found");
        }

        if (!connection.Allows(roleName))
        {
            return EmulatorReply.Error(500, $"\"{roleName}\" is not an allowed role");
        }

        var maxTtl = role.MaxTtl > TimeSpan.Zero ? role.MaxTtl : SystemMaxTtl;
        var ttl = role.DefaultTtl > TimeSpan.Zero ? role.DefaultTtl : SystemMaxTtl;
        ttl = ttl > maxTtl ? maxTtl : ttl;
        var username = DatabaseCredentials.Username(token.DisplayName, roleName, Now);
        var password = DatabaseCredentials.Password();
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = username,
            ["username"] = username,
            ["password"] = password,
            ["expiration"] = PostgresStatements.Expiration(Now + ttl + ExpirationBuffer),
        };
        try
        {
            await PostgresStatements.ExecuteInTransactionAsync(connection.DataSource, role.CreationStatements, values).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            return EmulatorReply.Error(500, $"1 error occurred:\n\t* {e.Message}\n\n");
        }

        EmulatorLease lease;
        lock (_gate)
        {
            lease = RegisterEngineLease(call.Path, token.Id, ttl, maxTtl, renewable: true,
                l => RenewDatabaseUserAsync(mount, role, username, l),
                l => RevokeDatabaseUserAsync(mount, role, username, l));
            mount.Leases[lease.Id] = new DatabaseLease(lease.Id, mount.Path, roleName, username);
        }

        return EmulatorReply.Ok(Envelope.Create(new JsonObject { ["username"] = username, ["password"] = password },
            leaseId: lease.Id, renewable: true, leaseDuration: (long)ttl.TotalSeconds, mountType: "database"));
    }

    private async Task RenewDatabaseUserAsync(DatabaseMount mount, DatabaseRole role, string username, EmulatorLease lease)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = username,
            ["username"] = username,
            ["expiration"] = PostgresStatements.Expiration(lease.ExpiresAt),
        };
        var statements = role.RenewStatements.Count > 0 ? role.RenewStatements : [PostgresStatements.DefaultRenew];
        await PostgresStatements.ExecuteInTransactionAsync(DataSourceOf(mount, role.DbName), statements, values).ConfigureAwait(false);
    }

    private async Task RevokeDatabaseUserAsync(DatabaseMount mount, DatabaseRole role, string username, EmulatorLease lease)
    {
        lock (_gate)
        {
            mount.Leases.Remove(lease.Id);
        }

        await PostgresUserRevoker.DeleteUserAsync(DataSourceOf(mount, role.DbName), username, role.RevocationStatements).ConfigureAwait(false);
    }

    private NpgsqlDataSource DataSourceOf(DatabaseMount mount, string dbName)
    {
        lock (_gate)
        {
            return mount.Connections.TryGetValue(dbName, out var connection)
                ? connection.DataSource
                : throw new InvalidOperationException($"database connection {dbName} is gone");
        }
    }
}
