using System.Data.Common;
using System.Globalization;

namespace R3mes.Secrets.Connections;

/// <summary>
/// An Npgsql key/value connection string. Npgsql parses connection strings with ADO.NET's
/// <see cref="DbConnectionStringBuilder"/> rules (its own builder derives from it), so the BCL builder quotes every
/// value the way Npgsql reads it back: a value with <c>;</c>, <c>'</c>, <c>"</c>, <c>=</c> or outer spaces is quoted,
/// inner quotes doubled. See docs/connection-strings.md.
/// </summary>
internal static class NpgsqlConnectionString
{
    public static string Build(string user, string password, string host, int port, string database)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        var builder = new DbConnectionStringBuilder
        {
            ["Host"] = ConnectionHost.Validate(host, port),
            ["Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["Database"] = database,
            ["Username"] = user,
            ["Password"] = password,
        };
        return builder.ConnectionString;
    }
}
