using System.Net;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Endpoints;

/// <summary>
/// <c>/healthz</c> (alive), <c>/readyz</c> (every required secret rendered and none past its known expiry — a backend
/// outage alone keeps it 200), <c>/status</c> (JSON: each backend's health and each secret's state, never a value),
/// <c>/metrics</c> (Prometheus).
/// </summary>
internal static partial class LocalEndpoints
{
    /// <summary>Opens one Kestrel listener per configured address (<c>listen</c>, <c>vault.proxy.listen</c>, <c>aws.agent.listen</c>).</summary>
    public static void Configure(WebApplicationBuilder builder, IReadOnlyList<(string Key, string Address, string What)> listeners)
    {
        var endPoints = new List<(string Key, IPEndPoint EndPoint, string What)>();
        foreach (var (key, address, what) in listeners)
        {
            if (!ListenAddress.TryParse(address, out var endPoint))
            {
                throw new Configuration.ConfigurationException([new Configuration.ConfigError(key, $"'{address}' is not host:port")]);
            }

            endPoints.Add((key, endPoint, what));
        }

        ListenerLimits.Configure(builder, endPoints);
        builder.Services.AddSingleton<PrometheusExporter>();
        foreach (var (_, endPoint, what) in endPoints)
        {
            builder.Services.AddHostedService(sp => new EndpointAnnouncer(endPoint, what, sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<EndpointAnnouncer>>()));
        }
    }

    public static void Map(WebApplication app, int port)
    {
        var exporter = app.Services.GetRequiredService<PrometheusExporter>();
        app.Services.GetRequiredService<SidecarMetrics>().Prime(app.Services.GetRequiredService<SidecarPlan>());
        var board = app.Services.GetRequiredService<StatusBoard>();
        var host = $"*:{port}";
        app.MapGet("/healthz", () => Results.Text("ok\n")).RequireHost(host);
        app.MapGet("/readyz", () => board.IsReady(out var waiting)
            ? Results.Text("ready\n")
            : Results.Text($"waiting for: {string.Join(", ", waiting)}\n", statusCode: StatusCodes.Status503ServiceUnavailable)).RequireHost(host);
        app.MapGet("/status", () => Results.Json(StatusDocument.From(board), StatusJsonContext.Default.StatusDocument)).RequireHost(host);
        app.MapGet("/metrics", () => Results.Text(exporter.Render(), "text/plain; version=0.0.4; charset=utf-8")).RequireHost(host);
    }

    internal static bool IsLoopback(IPEndPoint endPoint) => IPAddress.IsLoopback(endPoint.Address);
}
