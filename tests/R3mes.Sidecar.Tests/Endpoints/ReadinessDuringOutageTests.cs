using System.Net;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Vault;

namespace R3mes.Sidecar.Tests.Endpoints;

/// <summary>
/// Issue 9 item 4: readiness means "every required secret rendered and none past its known expiry". A Vault outage
/// after the first render keeps <c>/readyz</c> 200 (the files hold good values) while <c>/status</c> and
/// <c>/metrics</c> report the backend down; a certificate that passes its NotAfter while Vault is away makes
/// <c>/readyz</c> 503. No endpoint ever shows a value.
/// </summary>
public sealed class ReadinessDuringOutageTests
{
    private const string Jwt = "CANARY-ready-jwt-6b1e";
    private const string Api = "CANARY-ready-api-93fd";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Run_VaultStoppedAfterFirstRender_ReadyzStays200AndStatusShowsTheError()
    {
        await using var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, Jwt, Api);
        // A 3 s token: during the outage it expires and the re-login fails too, the state that made /readyz 503 before.
        var role = VaultSetup.AddRole(vault, tokenTtl: TimeSpan.FromSeconds(3));
        using var workspace = new TempWorkspace();
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            listen: 127.0.0.1:{{port}}
            vault:
              address: {{vault.Address}}
              auth: {{VaultSetup.AppRoleAuth(workspace, vault, role)}}
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {}, api_secret_key: {} }
                refresh: 1s
            """);
        var root = new Uri($"http://127.0.0.1:{port}");
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote api_secret_key");
        await Eventually.Until(async () => (await GetAsync(root, "/readyz")).Status == HttpStatusCode.OK, Eventually.DefaultTimeout, () => run.Transcript);
        var healthy = await GetAsync(root, "/status");

        await vault.StopListeningAsync();
        await run.WaitForOutputAsync("refreshing secret app failed");
        await run.WaitForOutputAsync("Vault login failed", TimeSpan.FromSeconds(30));
        var transcript = healthy.Body;
        JsonNode? app = null;
        await Eventually.Until(
            async () =>
            {
                var status = await GetAsync(root, "/status");
                transcript += status.Body;
                app = JsonNode.Parse(status.Body)!["secrets"]!.AsArray().Single(s => (string?)s!["name"] == "app");
                return (string?)app!["state"] == "stale";
            },
            Eventually.DefaultTimeout,
            () => run.Transcript);
        var readyz = await GetAsync(root, "/readyz");
        var metrics = await GetAsync(root, "/metrics");
        var document = JsonNode.Parse((await GetAsync(root, "/status")).Body)!;

        Assert.Equal((HttpStatusCode.OK, "ready\n"), (readyz.Status, readyz.Body));
        Assert.Equal("ok", (string?)JsonNode.Parse(healthy.Body)!["secrets"]![0]!["state"]);
        Assert.True((bool)document["ready"]!);
        Assert.Equal("vault", (string?)app!["backend"]);
        Assert.True((int)app["failures"]! >= 1);
        Assert.False(string.IsNullOrEmpty((string?)app["last_error"]));
        Assert.NotNull((string?)app["last_success"]);
        Assert.NotNull((string?)app["failing_since"]);
        var backend = document["backends"]!.AsArray().Single(b => (string?)b!["name"] == "vault")!;
        Assert.False((bool)backend["up"]!, document.ToJsonString());
        Assert.Contains("r3mes_sidecar_backend_up{backend=\"vault\"} 0", metrics.Body, StringComparison.Ordinal);
        Assert.Contains("r3mes_sidecar_backend_errors_total{backend=\"vault\",reason=\"unreachable\"}", metrics.Body, StringComparison.Ordinal);
        Assert.Contains("r3mes_sidecar_ready 1", metrics.Body, StringComparison.Ordinal);
        Assert.Equal(Jwt, workspace.ReadOutput("jwt_secret"));
        Canary.AssertAbsent([Jwt, Api], transcript + document.ToJsonString() + metrics.Body + readyz.Body);

        await vault.ResumeListeningAsync();
        await Eventually.Until(
            async () => (string?)JsonNode.Parse((await GetAsync(root, "/status")).Body)!["secrets"]![0]!["state"] == "ok",
            Eventually.DefaultTimeout,
            () => run.Transcript);
        await run.WaitForOutputAsync("secret app recovered");
    }

    [Fact]
    public async Task Run_CertificatePastItsExpiryWhileVaultIsAway_ReadyzIs503NamingIt()
    {
        await using var vault = await VaultSetup.StartAsync();
        vault.EnablePki();
        await VaultSetup.RootWriteAsync(vault, "pki/roles/web", new JsonObject
        {
            ["allowed_domains"] = "localhost",
            ["allow_localhost"] = true,
            ["ttl"] = "8s",
            ["max_ttl"] = "1h",
        });
        vault.SetPolicy("tls", new Dictionary<string, string[]> { ["pki/issue/web"] = ["update"] });
        var role = vault.AddAppRole("approle", "web", TimeSpan.FromMinutes(20), policies: ["tls"]);
        using var workspace = new TempWorkspace();
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$$"""
            output: { dir: out }
            log: { level: debug }
            listen: 127.0.0.1:{{{port}}}
            vault:
              address: {{{vault.Address}}}
              auth: {{{VaultSetup.AppRoleAuth(workspace, vault, role, wrapped: false)}}}
            secrets:
              - name: tls
                source: { vault: pki/issue/web, params: { common_name: localhost, ttl: 8s } }
                files:
                  ssl_certificate: "{{ certificate }}"
                  ssl_private_key: "{{ private_key }}"
            """);
        var root = new Uri($"http://127.0.0.1:{port}");
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote ssl_private_key");
        await vault.StopListeningAsync();
        var notAfter = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(workspace.OutputFile("ssl_certificate"))).NotAfter.ToUniversalTime();

        await Eventually.Until(async () => (await GetAsync(root, "/readyz")).Status == HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(30), () => run.Transcript);
        var readyz = await GetAsync(root, "/readyz");
        var status = await GetAsync(root, "/status");
        var tls = JsonNode.Parse(status.Body)!["secrets"]![0]!;

        Assert.Equal($"waiting for: tls (expired {notAfter:yyyy-MM-ddTHH:mm:ssZ})\n", readyz.Body);
        Assert.Equal("expired", (string?)tls["state"]);
        Assert.Equal(notAfter, ((DateTimeOffset)tls["expires_at"]!).UtcDateTime);
        Assert.False((bool)JsonNode.Parse(status.Body)!["ready"]!);
        Assert.DoesNotContain("BEGIN", status.Body + readyz.Body, StringComparison.Ordinal);
        Assert.True(File.Exists(workspace.OutputFile("ssl_certificate")), "the last certificate stays in place");
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(Uri root, string path)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(root, path));
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
            return (0, "");
        }
    }
}
