using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Endpoints;

/// <summary>
/// <c>/healthz</c> (alive), <c>/readyz</c> (every required secret rendered and none past its known expiry — a backend
/// outage alone keeps it 200), <c>/status</c> (JSON: each backend's health and each secret's state, never a value),
/// <c>/metrics</c> (Prometheus). GET only.
/// </summary>
internal static class LocalEndpoints
{
    public const string What = "local endpoints /healthz /readyz /status /metrics";

    public static void Map(WebApplication app, ListenAddress address, StatusBoard board, PrometheusExporter exporter) =>
        ListenerRoute.Map(app, address, context => Serve(context, board, exporter).ExecuteAsync(context));

    private static IResult Serve(HttpContext context, StatusBoard board, PrometheusExporter exporter)
    {
        IResult? result = context.Request.Path.Value switch
        {
            "/healthz" => Results.Text("ok\n"),
            "/readyz" => board.IsReady(out var waiting)
                ? Results.Text("ready\n")
                : Results.Text($"waiting for: {string.Join(", ", waiting)}\n", statusCode: StatusCodes.Status503ServiceUnavailable),
            "/status" => Results.Json(StatusDocument.From(board), StatusJsonContext.Default.StatusDocument),
            "/metrics" => Results.Text(exporter.Render(), "text/plain; version=0.0.4; charset=utf-8"),
            _ => null,
        };
        if (result is null)
        {
            return Results.NotFound();
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET";
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        }

        return result;
    }
}
