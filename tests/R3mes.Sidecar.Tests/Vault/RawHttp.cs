using System.Net;
using System.Net.Sockets;
using System.Text;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// Sends one HTTP/1.1 request byte for byte over a socket, so request targets that HttpClient would normalise
/// (<c>%2e%2e</c>, <c>/../</c>, absolute form) reach the server exactly as written.
/// </summary>
internal static class RawHttp
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Sends <c>METHOD target HTTP/1.1</c> with the given headers and returns the status code and body.</summary>
    public static async Task<(int Status, string Body)> SendAsync(int port, string method, string target, params string[] headers)
    {
        using var cancel = new CancellationTokenSource(Timeout, TimeProvider.System);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancel.Token);
        var stream = client.GetStream();
        var request = new StringBuilder($"{method} {target} HTTP/1.1\r\n");
        if (!headers.Any(h => h.StartsWith("Host:", StringComparison.OrdinalIgnoreCase)))
        {
            request.Append($"Host: 127.0.0.1:{port}\r\n");
        }

        foreach (var header in headers)
        {
            request.Append(header).Append("\r\n");
        }

        request.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.ToString()), cancel.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var response = await reader.ReadToEndAsync(cancel.Token);
        var statusLine = response.Split("\r\n", 2)[0];
        Assert.True(statusLine.StartsWith("HTTP/1.1 ", StringComparison.Ordinal), $"not an HTTP response: {response}");
        var body = response.Split("\r\n\r\n", 2) is [_, var rest] ? rest : "";
        return (int.Parse(statusLine.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture), body);
    }
}
