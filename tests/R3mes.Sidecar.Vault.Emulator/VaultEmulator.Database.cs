using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using R3mes.Sidecar.Vault.Emulator.Database;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// The database secrets engine (api-docs/secret/databases) backed by a real PostgreSQL through Npgsql. Its routes
/// run before the emulator's lock is taken: SQL never runs while holding it.
/// </summary>
public sealed partial class VaultEmulator
{
    private readonly Dictionary<string, DatabaseMount> _databaseMounts = new(StringComparer.Ordinal);

    /// <summary>Every live dynamic database credential, across mounts.</summary>
    public IReadOnlyList<DatabaseLease> DatabaseLeases
    {
        get
        {
            lock (_gate)
            {
                return [.. _databaseMounts.Values.SelectMany(m => m.Leases.Values)];
            }
        }
    }

    /// <summary>Enables a database secrets engine at <paramref name="mount"/> (<c>vault secrets enable -path=… database</c>).</summary>
    public void EnableDatabase(string mount = "database")
    {
        lock (_gate)
        {
            var path = mount.Trim('/');
            _databaseMounts.TryAdd(path, new DatabaseMount(path));
        }
    }

    private DatabaseMount? DatabaseMountOf(string path)
    {
        lock (_gate)
        {
            return _databaseMounts.Values.FirstOrDefault(m => path.StartsWith(m.Path + "/", StringComparison.Ordinal));
        }
    }

    private async Task<EmulatorReply> DatabaseAsync(EmulatorCall call, DatabaseMount mount)
    {
        EmulatorToken? token;
        EmulatorReply? denied;
        lock (_gate)
        {
            (denied, token) = Authorize(call);
        }

        if (denied is not null)
        {
            return denied;
        }

        var rest = call.Path[(mount.Path.Length + 1)..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var (kind, name) = slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..]);
        return (call.Method, kind) switch
        {
            (_, _) when name.Length == 0 => EmulatorReply.Error(405),
            ("POST", "config") => await ConfigureConnectionAsync(call, mount, name).ConfigureAwait(false),
            ("POST", "roles") => WriteDatabaseRole(call, mount, name),
            ("GET", "config") => ReadDatabaseObject(mount, () => mount.Connections.TryGetValue(name, out var c) ? c.Details : null),
            ("GET", "roles") => ReadDatabaseObject(mount, () => mount.Roles.TryGetValue(name, out var r) ? RoleData(r) : null),
            ("GET", "creds") => await CreateCredentialsAsync(call, mount, name, token!).ConfigureAwait(false),
            ("POST", "static-roles") => await WriteStaticRoleAsync(call, mount, name).ConfigureAwait(false),
            ("GET", "static-creds") => await StaticCredentialsAsync(mount, name).ConfigureAwait(false),
            (_, "config" or "roles" or "creds" or "static-roles" or "static-creds") => EmulatorReply.Error(405),
            _ => EmulatorReply.Error(404, $"no handler for route \"{call.Path}\". route entry not found."),
        };
    }

    private async Task<EmulatorReply> ConfigureConnectionAsync(EmulatorCall call, DatabaseMount mount, string name)
    {
        if (call.Str("plugin_name") is not { } plugin || !plugin.StartsWith("postgresql", StringComparison.Ordinal))
        {
            return EmulatorReply.Error(400, "error creating database object: the emulator only has postgresql-database-plugin");
        }

        NpgsqlDataSource dataSource;
        try
        {
            dataSource = ConnectionUrl.ToDataSource(call.Str("connection_url") ?? "", call.Str("username") ?? "", call.Str("password") ?? "",
                call.Body?["max_open_connections"]?.GetValue<int>() ?? 4);
            await using var verify = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or UriFormatException or FormatException)
        {
            return EmulatorReply.Error(400, $"error creating database object: error verifying connection: {e.Message}");
        }

        DatabaseConnection? replaced;
        lock (_gate)
        {
            mount.Connections.Remove(name, out replaced);
            var allowed = List(call.Body?["allowed_roles"]);
            mount.Connections[name] = new DatabaseConnection(name, dataSource, allowed)
            {
                Details = new JsonObject
                {
                    ["allowed_roles"] = new JsonArray([.. allowed.Select(r => (JsonNode)r)]),
                    ["connection_details"] = new JsonObject
                    {
                        ["connection_url"] = call.Str("connection_url"),
                        ["max_open_connections"] = call.Body?["max_open_connections"]?.GetValue<int>() ?? 4,
                        ["username"] = call.Str("username"),
                    },
                    ["password_policy"] = "",
                    ["plugin_name"] = plugin,
                    ["plugin_version"] = "",
                    ["root_credentials_rotate_statements"] = new JsonArray(),
                    ["verify_connection"] = true,
                },
            };
        }

        if (replaced is not null)
        {
            await replaced.DisposeAsync().ConfigureAwait(false);
        }

        return EmulatorReply.NoContent;
    }

    private EmulatorReply WriteDatabaseRole(EmulatorCall call, DatabaseMount mount, string name)
    {
        var creation = Statements(call.Body?["creation_statements"]);
        if (creation.Count == 0)
        {
            return EmulatorReply.Error(400, "empty creation statements");
        }

        var role = new DatabaseRole(name, call.Str("db_name") ?? "", creation, Statements(call.Body?["revocation_statements"]),
            Statements(call.Body?["renew_statements"]), EmulatorDuration.Parse(call.Body?["default_ttl"]), EmulatorDuration.Parse(call.Body?["max_ttl"]));
        lock (_gate)
        {
            mount.Roles[name] = role;
        }

        return EmulatorReply.NoContent;
    }

    private EmulatorReply ReadDatabaseObject(DatabaseMount mount, Func<JsonObject?> read)
    {
        lock (_gate)
        {
            return read() is { } data ? EmulatorReply.Ok(Envelope.Create(data.DeepClone(), mountType: "database")) : EmulatorReply.Error(404);
        }
    }

    private static JsonObject RoleData(DatabaseRole role) => new()
    {
        ["creation_statements"] = new JsonArray([.. role.CreationStatements.Select(s => (JsonNode)s)]),
        ["credential_type"] = "password",
        ["db_name"] = role.DbName,
        ["default_ttl"] = (long)role.DefaultTtl.TotalSeconds,
        ["max_ttl"] = (long)role.MaxTtl.TotalSeconds,
        ["renew_statements"] = new JsonArray([.. role.RenewStatements.Select(s => (JsonNode)s)]),
        ["revocation_statements"] = new JsonArray([.. role.RevocationStatements.Select(s => (JsonNode)s)]),
        ["rollback_statements"] = new JsonArray(),
    };

    /// <summary>A statement field: a list of strings or one string (Vault's TypeStringSlice).</summary>
    private static List<string> Statements(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.Select(n => n!.GetValue<string>()).Where(s => s.Trim().Length > 0)],
        JsonValue value when value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Trim().Length > 0 => [value.GetValue<string>()],
        _ => [],
    };

    /// <summary>A comma-separated string or a list (Vault's TypeCommaStringSlice).</summary>
    private static List<string> List(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.Select(n => n!.GetValue<string>().Trim())],
        JsonValue value when value.GetValueKind() == JsonValueKind.String =>
            [.. value.GetValue<string>().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
        _ => [],
    };

    private async Task DisposeDatabasesAsync()
    {
        DatabaseConnection[] connections;
        lock (_gate)
        {
            connections = [.. _databaseMounts.Values.SelectMany(m => m.Connections.Values)];
        }

        foreach (var connection in connections)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
