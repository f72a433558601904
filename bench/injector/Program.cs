// Injection latency on loopback: many pod reviews (a Deployment's pod with 6 secret annotations, a template and a
// signal reload) sent over HTTPS to the webhook, each timed from request to parsed answer on the client side.
//   dotnet run -c Release --project bench/injector -- [--binary PATH] [--requests N] [--concurrency C]
// Without --binary the webhook runs in this process (same code as `r3mes-sidecar inject`); with it, the given
// r3mes-sidecar (e.g. the NativeAOT one) is started as `inject` on a free loopback port.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Injector.Hosting;
using R3mes.Sidecar.Injector.Settings;

var requests = Option("--requests", 5000);
var concurrency = Option("--concurrency", 8);
var binary = args.SkipWhile(a => a != "--binary").Skip(1).FirstOrDefault();
var work = Directory.CreateTempSubdirectory("r3mes-injector-bench-");
var port = FreePort();
WriteCertificate(Path.Combine(work.FullName, "tls.crt"), Path.Combine(work.FullName, "tls.key"));
var settingsPath = Path.Combine(work.FullName, "injector.yaml");
File.WriteAllText(settingsPath, $"listen: 127.0.0.1:{port}\ntls: {{ cert_file: tls.crt, key_file: tls.key }}\nsidecar: {{ image: ghcr.io/r3mes/r3mes-sidecar:0.1.0 }}\nvault: {{ address: https://vault.vault.svc:8200 }}\nlog: {{ level: warning }}\n");

Process? process = null;
Microsoft.AspNetCore.Builder.WebApplication? app = null;
if (binary is null)
{
    app = InjectorServer.Build(InjectorSettingsReader.Read(settingsPath), logging => logging.SetMinimumLevel(LogLevel.Warning));
    await app.StartAsync();
}
else
{
    process = Process.Start(new ProcessStartInfo(binary, ["inject", "--config", settingsPath]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
}

using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true }, MaxConnectionsPerServer = concurrency };
using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
await WaitUntilServing(client);
var template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "review.json"));

await Run(Math.Min(500, requests), null); // warm-up: connections, JIT (in process), caches
var latencies = new double[requests];
var started = Stopwatch.GetTimestamp();
await Run(requests, latencies);
var elapsed = Stopwatch.GetElapsedTime(started);
Array.Sort(latencies);
double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"injector bench ({(binary is null ? "in process" : binary)}): {requests} reviews, concurrency {concurrency}, {requests / elapsed.TotalSeconds:0} reviews/s"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"latency ms: p50 {Percentile(0.50):0.00}  p90 {Percentile(0.90):0.00}  p99 {Percentile(0.99):0.00}  max {latencies[^1]:0.00}"));

if (app is not null)
{
    await app.StopAsync();
}

process?.Kill();
work.Delete(recursive: true);
return 0;

async Task Run(int count, double[]? record)
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var body = template.Replace("\"UID\"", $"\"{Guid.NewGuid()}\"", StringComparison.Ordinal);
            var t0 = Stopwatch.GetTimestamp();
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync("/mutate", content);
            var answer = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !answer.Contains("\"patchType\":\"JSONPatch\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"unexpected answer {response.StatusCode}: {answer}");
            }

            if (record is not null)
            {
                record[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            }
        }
    }));
}

int Option(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static void WriteCertificate(string certFile, string keyFile)
{
    using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
    var now = TimeProvider.System.GetUtcNow();
    using var certificate = request.CreateSelfSigned(now.AddMinutes(-1), now.AddDays(1));
    File.WriteAllText(certFile, certificate.ExportCertificatePem());
    File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
}

static async Task WaitUntilServing(HttpClient client)
{
    var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 30);
    while (true)
    {
        try
        {
            using var response = await client.GetAsync("/healthz");
            if (response.IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (HttpRequestException) when (Stopwatch.GetTimestamp() < deadline)
        {
        }

        await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
    }
}
