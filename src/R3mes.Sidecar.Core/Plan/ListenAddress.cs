using System.Globalization;
using System.Net;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Plan;

/// <summary>
/// Where one of the sidecar's listeners binds (<c>listen</c>, <c>vault.proxy.listen</c>, <c>aws.agent.listen</c>):
/// <c>127.0.0.1:8099</c>, <c>[::1]:8099</c>, <c>localhost:8099</c> (loopback) or <c>0.0.0.0:8099</c>. The one place
/// the host, port and loopback rules live: parsed and validated once, when the plan is read.
/// </summary>
public sealed record ListenAddress(string Text, IPEndPoint EndPoint)
{
    public int Port => EndPoint.Port;

    /// <summary>Only this machine can connect (else the announcer warns that the endpoint is reachable from the network).</summary>
    public bool IsLoopback => IPAddress.IsLoopback(EndPoint.Address);

    public override string ToString() => Text;

    /// <summary>
    /// Reads <paramref name="text"/> configured under <paramref name="key"/>; adds an error naming the key and
    /// <paramref name="example"/> when it is not host:port with a port from 1 to 65535 (listeners are routed by
    /// their port, so it must be a fixed one).
    /// </summary>
    public static ListenAddress? Read(string? text, string key, string example, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is not null && TryParse(text, out var endPoint) && endPoint.Port != 0)
        {
            return new ListenAddress(text, endPoint);
        }

        errors.Add(key, $"'{text}' is not host:port: e.g. {example}");
        return null;
    }

    /// <summary>host:port with a port from 0 to 65535 (0: any free port, for servers that report where they listen).</summary>
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
