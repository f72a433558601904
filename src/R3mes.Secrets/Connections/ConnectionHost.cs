using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace R3mes.Secrets.Connections;

/// <summary>Checks a host and port given by the app (not secret, so messages may quote the host).</summary>
internal static class ConnectionHost
{
    /// <summary>The host as it goes into a connection string: a DNS name, an IPv4 address or a bare IPv6 address.</summary>
    public static string Validate(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, IPEndPoint.MinPort + 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var bareHost = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (IsIpv6(bareHost))
            return bareHost;
        if (host.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_')))
            throw new ArgumentException($"host '{host}' is not a DNS name or IP address", nameof(host));
        return host;
    }

    /// <summary><c>host:port</c>, with an IPv6 address in brackets.</summary>
    public static string Authority(string host, int port)
    {
        var valid = Validate(host, port);
        return IsIpv6(valid)
            ? string.Create(CultureInfo.InvariantCulture, $"[{valid}]:{port}")
            : string.Create(CultureInfo.InvariantCulture, $"{valid}:{port}");
    }

    public static bool IsIpv6(string host) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6;
}
