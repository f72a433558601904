using Npgsql;

namespace R3mes.Sidecar.Vault.Emulator.Database;

/// <summary>A <c>&lt;mount&gt;/config/&lt;name&gt;</c> entry: the plugin's connection (a pooled Npgsql data source) and the roles it serves.</summary>
internal sealed class DatabaseConnection(string name, NpgsqlDataSource dataSource, IReadOnlyList<string> allowedRoles) : IAsyncDisposable
{
    public string Name { get; } = name;

    public NpgsqlDataSource DataSource { get; } = dataSource;

    /// <summary>What a read answers (plugin_name, connection_details without the password, allowed_roles).</summary>
    public System.Text.Json.Nodes.JsonObject? Details { get; init; }

    /// <summary>Vault: empty means no role may use the connection; <c>*</c> means any.</summary>
    public bool Allows(string role) => allowedRoles.Contains("*", StringComparer.Ordinal) || allowedRoles.Contains(role, StringComparer.Ordinal);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
