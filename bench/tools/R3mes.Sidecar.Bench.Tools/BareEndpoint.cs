using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace R3mes.Sidecar.Bench.Tools;

/// <summary>
/// The least Kestrel can do for a GET: the same bytes and content type as the sidecar's agent endpoint, no routing,
/// no parsing, no cache lookup — the ceiling the agent endpoint is compared with.
/// </summary>
internal static class BareEndpoint
{
    public static async Task<int> RunAsync(ToolArguments args)
    {
        var body = await File.ReadAllBytesAsync(args.Text("--body"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, args.Number("--port", 0)));
        await using var app = builder.Build();
        app.Run(async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body);
        });
        await app.StartAsync();
        await UntilStopped.WaitAsync();
        await app.StopAsync();
        return 0;
    }
}
