using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Injector.Admission;
using R3mes.Sidecar.Injector.Diagnostics;
using R3mes.Sidecar.Injector.Pods;
using R3mes.Sidecar.Injector.Settings;

namespace R3mes.Sidecar.Injector.Hosting;

/// <summary>
/// The webhook's web host: Kestrel over HTTPS only (the certificate chosen per handshake from
/// <see cref="CertificateFiles"/>), <c>POST /mutate</c>, <c>GET /healthz</c>, <c>GET /metrics</c>. Routing is a
/// single terminal middleware: no reflection, nothing to generate for NativeAOT.
/// </summary>
public static class InjectorServer
{
    /// <summary>Kubernetes objects are at most 1.5 MiB; a review wraps one, twice for an UPDATE.</summary>
    private const long MaxBodyBytes = 4 * 1024 * 1024;

    public static WebApplication Build(InjectorSettings settings, Action<ILoggingBuilder>? logging = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        if (logging is null)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(Enum.TryParse<LogLevel>(settings.LogLevel, ignoreCase: true, out var level) ? level : LogLevel.Information);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }
        else
        {
            logging(builder.Logging);
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(timeProvider ?? TimeProvider.System);
        builder.Services.AddSingleton(sp => new CertificateFiles(settings.CertFile, settings.KeyFile, sp.GetRequiredService<ILogger<CertificateFiles>>()));
        builder.Services.AddSingleton<InjectorMetrics>();
        builder.Services.AddSingleton(sp => new PrometheusExporter(sp.GetRequiredService<InjectorMetrics>().Meter, InjectorMetrics.LatencyBuckets));
        builder.Services.AddSingleton(new AdmissionHandler(new PodMutator(settings)));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            var certificates = kestrel.ApplicationServices.GetRequiredService<CertificateFiles>();
            _ = certificates.Current; // fail at start, not at the first handshake, when the pair does not load
            kestrel.Listen(settings.Listen, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificates.Current);
            });
        });

        var app = builder.Build();
        _ = app.Services.GetRequiredService<PrometheusExporter>(); // listen before the first measurement
        app.Run(context => Serve(context, app.Services));
        app.Lifetime.ApplicationStarted.Register(() =>
            InjectorServerLog.Listening(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("R3mes.Sidecar.Injector"), ListeningOn(app, settings.Listen)));
        return app;
    }

    /// <summary>Where Kestrel really listens (the port it picked when configured with 0).</summary>
    public static string ListeningOn(WebApplication app, IPEndPoint configured)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>();
        return addresses?.Addresses.FirstOrDefault()?.Replace("https://", "", StringComparison.Ordinal) ?? configured.ToString();
    }

    private static async Task Serve(HttpContext context, IServiceProvider services)
    {
        var request = context.Request;
        var response = context.Response;
        switch (request.Path.Value)
        {
            case "/healthz" when HttpMethods.IsGet(request.Method):
                response.ContentType = "text/plain";
                await response.WriteAsync("ok\n", context.RequestAborted).ConfigureAwait(false);
                return;
            case "/metrics" when HttpMethods.IsGet(request.Method):
                response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await response.WriteAsync(services.GetRequiredService<PrometheusExporter>().Render(), context.RequestAborted).ConfigureAwait(false);
                return;
            case "/mutate" when HttpMethods.IsPost(request.Method):
                await Mutate(context, services).ConfigureAwait(false);
                return;
            default:
                await Write(response, AdmissionAnswer.Error(404, "not found: POST /mutate, GET /healthz, GET /metrics", "not_found"), context.RequestAborted).ConfigureAwait(false);
                return;
        }
    }

    private static async Task Mutate(HttpContext context, IServiceProvider services)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var started = time.GetTimestamp();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("R3mes.Sidecar.Injector");
        AdmissionAnswer answer;
        try
        {
            var body = await ReadBody(context).ConfigureAwait(false);
            answer = body is null
                ? AdmissionAnswer.Error(413, $"the review is larger than {MaxBodyBytes} bytes", "malformed")
                : services.GetRequiredService<AdmissionHandler>().Handle(body.Value.Span);
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException e)
        {
            answer = AdmissionAnswer.Error(e.StatusCode, "the request body could not be read", "malformed");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            InjectorServerLog.Failed(logger, e);
            answer = AdmissionAnswer.Error(500, "internal error; the pod was not changed", "error");
        }

        switch (answer.Outcome)
        {
            case "injected":
                InjectorServerLog.Injected(logger, answer.Pod!.Split('/')[0], answer.Pod.Split('/', 2)[1], answer.Operations);
                break;
            case "denied":
                InjectorServerLog.Denied(logger, answer.Pod!.Split('/')[0], answer.Pod.Split('/', 2)[1], answer.Message ?? "");
                break;
            case "malformed":
                InjectorServerLog.Malformed(logger, answer.Message ?? "");
                break;
        }

        await Write(context.Response, answer, context.RequestAborted).ConfigureAwait(false);
        services.GetRequiredService<InjectorMetrics>().Answered(answer.Outcome, time.GetElapsedTime(started));
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBody(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        return buffer.Length > MaxBodyBytes ? null : buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static Task Write(HttpResponse response, AdmissionAnswer answer, CancellationToken cancellationToken)
    {
        response.StatusCode = answer.StatusCode;
        response.ContentType = "application/json";
        response.ContentLength = answer.Body.Length;
        return response.Body.WriteAsync(answer.Body, cancellationToken).AsTask();
    }
}
