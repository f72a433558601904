using System.Net;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Endpoints;

/// <summary><c>listen:</c> serves /healthz, /readyz and /metrics on loopback.</summary>
public sealed class LocalEndpointTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Endpoints_AfterRender_AreHealthyReadyAndCountWritesPerSecret()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-value-1");
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            listen: 127.0.0.1:{{port}}
            secrets:
              - name: app
                source: { file: src }
                files: { jwt_secret: {} }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        var root = new Uri($"http://127.0.0.1:{port}");
        await run.WaitForOutputAsync("wrote jwt_secret");

        // The first write can come before Kestrel accepts (the refresh and the listener start side by side).
        await Eventually.Until(async () => await StatusAsync(new Uri(root, "/healthz")) == HttpStatusCode.OK, Eventually.DefaultTimeout, () => run.Transcript);
        await Eventually.Until(async () => await StatusAsync(new Uri(root, "/readyz")) == HttpStatusCode.OK, Eventually.DefaultTimeout, () => run.Transcript);
        var metrics = await Http.GetStringAsync(new Uri(root, "/metrics"));

        Assert.Contains("r3mes_sidecar_file_writes_total{outcome=\"written\",secret=\"app\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("r3mes_sidecar_ready 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_WhileARequiredSecretFails_Is503AndNamesItButIgnoresAFailingOptionalOne()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("app/jwt_secret.txt", "jwt-value-1");
        workspace.WriteSource("required.json", "{\"api_key\": \"half");
        workspace.WriteSource("optional.json", "{\"password\": ");
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            listen: 127.0.0.1:{{port}}
            secrets:
              - name: app
                source: { file: src/app }
                files: { jwt_secret: {} }
              - name: broken
                source: { file: src/required.json, key: api_key }
                files: { api_secret_key: {} }
              - name: extra
                required: false
                source: { file: src/optional.json, key: password }
                files: { grafana_admin_password: {} }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        var readyz = new Uri($"http://127.0.0.1:{port}/readyz");
        await run.WaitForOutputAsync("wrote jwt_secret");
        await run.WaitForOutputAsync("refreshing secret broken failed");
        await run.WaitForOutputAsync("refreshing secret extra failed");

        using (var failing = await Http.GetAsync(readyz))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failing.StatusCode);
            Assert.Equal("waiting for: broken\n", await failing.Content.ReadAsStringAsync());
        }

        workspace.WriteSource("required.json", "{\"api_key\": \"whole\"}");

        await Eventually.Until(async () => await StatusAsync(readyz) == HttpStatusCode.OK, Eventually.DefaultTimeout, () => run.Transcript);
        Assert.Equal("whole", workspace.ReadOutput("api_secret_key"));
        Assert.False(File.Exists(workspace.OutputFile("grafana_admin_password")));
    }

    private static async Task<HttpStatusCode> StatusAsync(Uri uri)
    {
        try
        {
            using var response = await Http.GetAsync(uri);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}
