using System.Globalization;
using System.Net;

namespace R3mes.Sidecar.Plan;

/// <summary><c>127.0.0.1:8099</c>, <c>[::1]:8099</c>, <c>localhost:8099</c> or <c>0.0.0.0:8099</c>.</summary>
public static class ListenAddress
{
    public static bool TryParse(string text, out IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(text);
        endPoint = new IPEndPoint(IPAddress.Loopback, 0);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        var host = text[..colon].Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            endPoint = new IPEndPoint(IPAddress.Loopback, port);
            return true;
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            return false;
        }

        endPoint = new IPEndPoint(address, port);
        return true;
    }
}
