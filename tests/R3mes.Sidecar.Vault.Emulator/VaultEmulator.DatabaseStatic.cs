using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using R3mes.Sidecar.Vault.Emulator.Database;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// Static roles: <c>&lt;mount&gt;/static-roles/&lt;name&gt;</c> takes over an existing PostgreSQL role (its password is
/// set at once) and <c>&lt;mount&gt;/static-creds/&lt;name&gt;</c> reads it, rotating lazily once the period has passed.
/// </summary>
public sealed partial class VaultEmulator
{
    private async Task<EmulatorReply> WriteStaticRoleAsync(EmulatorCall call, DatabaseMount mount, string name)
    {
        var dbName = call.Str("db_name") ?? "";
        var username = call.Str("username") ?? "";
        var period = EmulatorDuration.Parse(call.Body?["rotation_period"]);
        if (username.Length == 0 || period < TimeSpan.FromSeconds(5))
        {
            return EmulatorReply.Error(400, username.Length == 0 ? "username is a required field to create a static account" : "rotation_period must be 5 seconds or more");
        }

        DatabaseConnection? connection;
        lock (_gate)
        {
            mount.Connections.TryGetValue(dbName, out connection);
        }

        if (connection is null || !connection.Allows(name))
        {
            return EmulatorReply.Error(400, connection is null ? $"plugin \"{dbName}\" not found" : $"\"{name}\" is not an allowed role");
        }

        var password = DatabaseCredentials.Password();
        if (await SetPasswordAsync(connection.DataSource, username, password).ConfigureAwait(false) is { } error)
        {
            return EmulatorReply.Error(500, $"error setting credentials: {error}");
        }

        lock (_gate)
        {
            mount.StaticRoles[name] = new StaticDatabaseRole { Name = name, DbName = dbName, Username = username, RotationPeriod = period, Password = password, LastRotation = Now };
        }

        return EmulatorReply.NoContent;
    }

    private async Task<EmulatorReply> StaticCredentialsAsync(DatabaseMount mount, string name)
    {
        StaticDatabaseRole? role;
        lock (_gate)
        {
            if (!mount.StaticRoles.TryGetValue(name, out role))
            {
                return EmulatorReply.Error(400, $"unknown role: {name}");
            }
        }

        if (Now >= role.NextRotation)
        {
            await RotateAsync(mount, role).ConfigureAwait(false);
        }

        lock (_gate)
        {
            return EmulatorReply.Ok(Envelope.Create(new JsonObject
            {
                ["last_vault_rotation"] = role.LastRotation.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
                ["password"] = role.Password,
                ["rotation_period"] = (long)role.RotationPeriod.TotalSeconds,
                ["ttl"] = (long)Math.Max(0, Math.Round((role.NextRotation - Now).TotalSeconds)),
                ["username"] = role.Username,
            }, mountType: "database"));
        }
    }

    private async Task RotateAsync(DatabaseMount mount, StaticDatabaseRole role)
    {
        await mount.Rotation.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Now < role.NextRotation)
            {
                return;
            }

            var password = DatabaseCredentials.Password();
            if (await SetPasswordAsync(DataSourceOf(mount, role.DbName), role.Username, password).ConfigureAwait(false) is { } error)
            {
                throw new InvalidOperationException($"rotating {role.Username}: {error}");
            }

            lock (_gate)
            {
                role.Password = password;
                role.LastRotation = Now;
            }
        }
        finally
        {
            mount.Rotation.Release();
        }
    }

    /// <summary>The plugin's default rotation statement, after checking the role exists; returns an error text or null.</summary>
    private static async Task<string?> SetPasswordAsync(NpgsqlDataSource dataSource, string username, string password)
    {
        try
        {
            if (!await PostgresStatements.RoleExistsAsync(dataSource, username).ConfigureAwait(false))
            {
                return $"cannot update user {username}: user does not exist";
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["username"] = username, ["name"] = username, ["password"] = password };
            await PostgresStatements.ExecuteInTransactionAsync(dataSource, [PostgresStatements.DefaultRotate], values).ConfigureAwait(false);
            return null;
        }
        catch (NpgsqlException e)
        {
            return e.Message;
        }
    }
}
