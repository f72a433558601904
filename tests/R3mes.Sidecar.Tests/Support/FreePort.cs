using System.Net;
using System.Net.Sockets;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>A loopback TCP port nobody listens on right now (the OS picks it, so parallel tests do not collide).</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
