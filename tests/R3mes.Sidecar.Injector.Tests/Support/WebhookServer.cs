using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Injector.Hosting;
using R3mes.Sidecar.Injector.Settings;

namespace R3mes.Sidecar.Injector.Tests.Support;

/// <summary>
/// The real webhook host (Kestrel, HTTPS) on 127.0.0.1 with a port the system picks, configured from an injector
/// YAML file, and an HTTP client that trusts exactly the certificate the server presents at each handshake.
/// </summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookServer(WebApplication app, InjectorSettings settings, TempDirectory directory, Uri address)
    {
        _app = app;
        Settings = settings;
        Directory = directory;
        Address = address;
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => Remember(certificate) },
            PooledConnectionLifetime = TimeSpan.Zero,
        };
        Client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public InjectorSettings Settings { get; }

    public TempDirectory Directory { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>The certificate the server presented at the latest handshake.</summary>
    public X509Certificate2? LastServerCertificate { get; private set; }

    public const string DefaultSettings = """
        sidecar:
          image: ghcr.io/r3mes/r3mes-sidecar:0.1.0
          pull_policy: IfNotPresent
        vault:
          address: https://vault.vault.svc:8200
          ca_file: vault-ca.pem
        aws:
          region: eu-west-1
        """;

    /// <param name="logging">How the injector logs (default: warnings and up, nowhere the test reads).</param>
    public static async Task<WebhookServer> StartAsync(string settingsYaml = DefaultSettings, Action<ILoggingBuilder>? logging = null)
    {
        var directory = new TempDirectory();
        TestCertificate.Write(directory.File("tls.crt"), directory.File("tls.key"), "injector-1");
        TestCertificate.Write(directory.File("vault-ca.pem"), directory.File("vault-ca.key"), "vault-ca");
        File.WriteAllText(directory.File("injector.yaml"),
            "listen: 127.0.0.1:0\ntls: { cert_file: tls.crt, key_file: tls.key }\nnamespace: r3mes-system\n" + settingsYaml);
        var settings = InjectorSettingsReader.Read(directory.File("injector.yaml"));
        var app = InjectorServer.Build(settings, logging ?? (l => l.SetMinimumLevel(LogLevel.Warning)));
        await app.StartAsync();
        var address = new Uri("https://" + InjectorServer.ListeningOn(app, settings.Listen));
        return new WebhookServer(app, settings, directory, address);
    }

    public async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> PostAsync(string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await Client.PostAsync("/mutate", content);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? json = null;
        try
        {
            json = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // the caller asserts on it
        }

        return (response.StatusCode, json, text);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Dispose();
    }

    private bool Remember(X509Certificate? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        LastServerCertificate = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return true;
    }
}
