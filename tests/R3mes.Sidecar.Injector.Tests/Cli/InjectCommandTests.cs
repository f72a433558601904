using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using R3mes.Sidecar.Injector.Tests.Support;
using static R3mes.Sidecar.Injector.Tests.Support.Pods;

namespace R3mes.Sidecar.Injector.Tests.Cli;

/// <summary><c>r3mes-sidecar inject</c> as a process (the NativeAOT binary when R3MES_SIDECAR_BINARY is set).</summary>
public sealed class InjectCommandTests
{
    [Fact]
    public async Task Inject_ServesReviewsOverHttps_AndExitsZeroOnSigterm()
    {
        using var directory = new TempDirectory();
        TestCertificate.Write(directory.File("tls.crt"), directory.File("tls.key"), "injector");
        var port = FreePort();
        File.WriteAllText(directory.File("injector.yaml"), $"listen: 127.0.0.1:{port}\ntls: {{ cert_file: tls.crt, key_file: tls.key }}\nsidecar: {{ image: r3mes-sidecar:test }}\naws: {{ region: eu-west-1 }}\n");
        using var process = Start(["inject", "--config", directory.File("injector.yaml")]);
        using var stop = new Stopper(process);
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
        await Eventually.Until(async () =>
        {
            try
            {
                using var health = await client.GetAsync("/healthz");
                return health.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                if (process.HasExited)
                {
                    Assert.Fail("inject exited: " + await process.StandardError.ReadToEndAsync());
                }

                return false;
            }
        }, TimeSpan.FromSeconds(30), () => "the injector never answered /healthz");

        using var content = new StringContent(Review.For(Job(A("inject", "true"), A("secret-t", "aws:r3mes/t"))));
        using var response = await client.PostAsync("/mutate", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"patchType\":\"JSONPatch\"", body, StringComparison.Ordinal);

        Tool.Run("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        Assert.True(process.WaitForExit(30_000), "inject did not stop on SIGTERM");
        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Inject_WithABadConfiguration_ExitsTwoNamingTheKeys()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("injector.yaml"), "tls: { cert_file: a }\nsidecar: { layout: sideways }\n");
        using var process = Start(["inject", "--config", directory.File("injector.yaml")]);
        var stderr = await process.StandardError.ReadToEndAsync();

        Assert.True(process.WaitForExit(30_000));
        Assert.Equal(2, process.ExitCode);
        Assert.Contains("tls.key_file: set tls.key_file", stderr, StringComparison.Ordinal);
        Assert.Contains("sidecar.layout: unknown layout 'sideways'", stderr, StringComparison.Ordinal);
        Assert.Contains("sidecar.image:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inject_WithAKeyPairThatDoesNotLoad_ExitsOneSayingSo()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("tls.crt"), "not a certificate");
        File.WriteAllText(directory.File("tls.key"), "not a key");
        File.WriteAllText(directory.File("injector.yaml"), $"listen: 127.0.0.1:{FreePort()}\ntls: {{ cert_file: tls.crt, key_file: tls.key }}\nsidecar: {{ image: i }}\n");
        using var process = Start(["inject", "-c", directory.File("injector.yaml")]);
        var stderr = await process.StandardError.ReadToEndAsync();

        Assert.True(process.WaitForExit(30_000));
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("cannot load the TLS key pair", stderr, StringComparison.Ordinal);
    }

    /// <summary>Kills the process if a failed assertion leaves it running.</summary>
    private sealed class Stopper(Process process) : IDisposable
    {
        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static Process Start(string[] args)
    {
        var configured = Environment.GetEnvironmentVariable("R3MES_SIDECAR_BINARY");
        var binary = string.IsNullOrEmpty(configured) ? Path.Combine(AppContext.BaseDirectory, "r3mes-sidecar") : Path.GetFullPath(configured);
        var info = new ProcessStartInfo(binary, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("R3MES_", StringComparison.Ordinal)).ToArray())
        {
            info.Environment.Remove(name);
        }

        return Process.Start(info)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
