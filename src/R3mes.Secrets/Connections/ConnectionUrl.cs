using System.Globalization;

namespace R3mes.Secrets.Connections;

/// <summary>Builds connection URLs with every credential percent-encoded (RFC 3986 unreserved characters kept).</summary>
internal static class ConnectionUrl
{
    public static string Postgres(string user, string password, string host, int port, string database, string? query)
    {
        ArgumentException.ThrowIfNullOrEmpty(database);
        var url = $"postgresql://{Escape(user)}:{Escape(password)}@{Authority(host, port)}/{Escape(database)}";
        var trimmedQuery = query?.TrimStart('?');
        if (string.IsNullOrEmpty(trimmedQuery))
            return url;
        if (trimmedQuery.Any(c => c == '#' || char.IsWhiteSpace(c) || char.IsControl(c)))
            throw new ArgumentException("query must not contain '#', whitespace or control characters", nameof(query));
        return $"{url}?{trimmedQuery}";
    }

    public static string Redis(string password, string host, int port, int database)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(database);
        return string.Create(CultureInfo.InvariantCulture, $"redis://:{Escape(password)}@{Authority(host, port)}/{database}");
    }

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private static string Authority(string host, int port) => ConnectionHost.Authority(host, port);
}
