using System.Net;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Endpoints;

/// <summary><c>/healthz</c> (alive), <c>/readyz</c> (every required secret rendered), <c>/metrics</c> (Prometheus).</summary>
internal static partial class LocalEndpoints
{
    public static void Configure(WebApplicationBuilder builder, string listen)
    {
        if (!ListenAddress.TryParse(listen, out var endPoint))
        {
            throw new Configuration.ConfigurationException([new Configuration.ConfigError("listen", $"'{listen}' is not host:port")]);
        }

        builder.WebHost.ConfigureKestrel(o =>
        {
            o.AddServerHeader = false;
            o.Listen(endPoint);
        });
        builder.Services.AddSingleton<PrometheusExporter>();
        builder.Services.AddHostedService(sp => new EndpointAnnouncer(endPoint, sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<EndpointAnnouncer>>()));
    }

    public static void Map(WebApplication app)
    {
        var exporter = app.Services.GetRequiredService<PrometheusExporter>();
        var board = app.Services.GetRequiredService<StatusBoard>();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => board.IsReady(out var waiting)
            ? Results.Text("ready\n")
            : Results.Text($"waiting for: {string.Join(", ", waiting)}\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/metrics", () => Results.Text(exporter.Render(), "text/plain; version=0.0.4; charset=utf-8"));
    }

    internal static bool IsLoopback(IPEndPoint endPoint) => IPAddress.IsLoopback(endPoint.Address);
}
