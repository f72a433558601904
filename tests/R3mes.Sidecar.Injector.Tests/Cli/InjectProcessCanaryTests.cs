using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using R3mes.Sidecar.Injector.Tests.Support;
using static R3mes.Sidecar.Injector.Tests.Support.Pods;

namespace R3mes.Sidecar.Injector.Tests.Cli;

/// <summary>
/// <c>r3mes-sidecar inject</c> as a process (not started through the sidecar tests' harness) under the
/// <see cref="AdmissionCanary"/>: at <c>log: { level: trace }</c>, reviews of pods full of seeded secrets leave no
/// canary in its stdout, stderr, answers or <c>/metrics</c>; a canary in a pod's name, which its log does print, is
/// caught there — the process's output is searched, not assumed clean.
/// </summary>
public sealed class InjectProcessCanaryTests
{
    [Fact]
    public async Task Inject_AtTraceLevel_PrintsNoSeededSecret_AndACanaryItDoesPrintIsCaught()
    {
        var canary = new AdmissionCanary();
        using var directory = new TempDirectory();
        TestCertificate.Write(directory.File("tls.crt"), directory.File("tls.key"), "injector");
        var port = FreePort();
        File.WriteAllText(directory.File("injector.yaml"),
            $"listen: 127.0.0.1:{port}\ntls: {{ cert_file: tls.crt, key_file: tls.key }}\nsidecar: {{ image: r3mes-sidecar:test }}\naws: {{ region: eu-west-1 }}\nlog: {{ level: trace }}\n");
        var output = new StringBuilder();
        using var process = Start(["inject", "--config", directory.File("injector.yaml")], output);
        try
        {
            using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
            using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
            await Eventually.Until(async () =>
            {
                Assert.False(process.HasExited, "inject exited:\n" + Read(output));
                try
                {
                    using var health = await client.GetAsync("/healthz");
                    return health.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(30), () => "the injector never answered /healthz:\n" + Read(output));

            await PostAsync(client, canary, "the job pod", Review.For(canary.Seed(Job(A("inject", "true"), A("secret-t", "aws:r3mes/t")))));
            await PostAsync(client, canary, "the pod without secrets (denied)", Review.For(canary.Seed(Job(A("inject", "true")))));
            await PostAsync(client, canary, "a review that is not one", "{\"request\":" + Review.For(canary.Seed(Job(A("inject", "true")))) + "}");
            canary.Capture("inject's /metrics", await client.GetStringAsync("/metrics"));
            await Eventually.Until(() => Task.FromResult(Read(output).Contains("sidecar injected", StringComparison.Ordinal)), TimeSpan.FromSeconds(10), () => "no injection logged:\n" + Read(output));
            canary.Capture("inject's stdout and stderr", Read(output));
            Assert.Empty(canary.Leaks());

            // The log names the pod it injected: a canary there must be found in the process's output.
            var named = canary.Seed(Job(A("inject", "true"), A("secret-t", "aws:r3mes/t")));
            var value = canary.ValueOf(AdmissionCanary.VaultToken);
            named["metadata"]!["generateName"] = value + "-";
            var before = Read(output).Length;
            await PostAsync(client, canary, "the job pod named after a canary", Review.For(named));
            await Eventually.Until(() => Task.FromResult(Read(output).Length > before && Read(output)[before..].Contains("sidecar injected", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(10), () => "the second injection was not logged:\n" + Read(output));
            canary.Capture("inject's stdout and stderr, after the named pod", Read(output));
            var leaks = canary.Leaks();
            Assert.Contains(leaks, l => l.StartsWith($"the canary from {AdmissionCanary.VaultToken} ({value.Length} characters) appears in inject's stdout and stderr, after the named pod, line ", StringComparison.Ordinal));
            Assert.All(leaks, l => Assert.DoesNotContain(value[4..], l, StringComparison.Ordinal));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(10_000);
            }
        }
    }

    private static async Task PostAsync(HttpClient client, AdmissionCanary canary, string review, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync("/mutate", content);
        canary.CaptureResponse(review, await response.Content.ReadAsStringAsync());
    }

    private static string Read(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static Process Start(string[] args, StringBuilder output)
    {
        var configured = Environment.GetEnvironmentVariable("R3MES_SIDECAR_BINARY");
        var binary = string.IsNullOrEmpty(configured) ? Path.Combine(AppContext.BaseDirectory, "r3mes-sidecar") : Path.GetFullPath(configured);
        var info = new ProcessStartInfo(binary, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("R3MES_", StringComparison.Ordinal)).ToArray())
        {
            info.Environment.Remove(name);
        }

        var process = new Process { StartInfo = info };
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.Append(e.Data).Append('\n');
                }
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
