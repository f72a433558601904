using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using R3mes.Sidecar.Kubernetes.Emulator;

namespace R3mes.Sidecar.Kubernetes.Tests.Emulator;

/// <summary>A plain HTTP client for the emulator's own tests: trusts its CA, sends a bearer token, reads watch lines.</summary>
internal sealed class EmulatorClient : IDisposable
{
    private readonly HttpClient _http;

    public EmulatorClient(KubernetesEmulator emulator, string? token = null)
    {
        X509Certificate2Collection roots = [];
        roots.ImportFromPem(emulator.CaPem);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is not null && chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
        _http = new HttpClient(handler) { BaseAddress = emulator.Address, Timeout = TimeSpan.FromSeconds(20) };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? emulator.Token);
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json = null) =>
        _http.SendAsync(new HttpRequestMessage(method, path) { Content = json is null ? null : new StringContent(json) });

    public async Task<JsonElement> JsonAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    /// <summary>Opens a watch and returns a reader of its lines.</summary>
    public async Task<(HttpResponseMessage Response, StreamReader Lines)> WatchAsync(string path)
    {
        var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        return (response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    public static async Task<JsonElement> NextEventAsync(StreamReader lines)
    {
        var line = await lines.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        Assert.NotNull(line);
        return JsonDocument.Parse(line).RootElement;
    }

    public void Dispose() => _http.Dispose();
}
