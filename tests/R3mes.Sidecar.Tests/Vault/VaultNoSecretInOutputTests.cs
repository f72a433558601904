using System.Net;
using System.Text;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// CONTRACT §5 for the Vault backend: no KV value, secret_id, wrapping token or Vault token reaches any output, on any
/// error, retry or re-login path (OpenBao GHSA-444v-8vxr-p36h). Canary values go through <c>check</c>, a failing
/// <c>once</c> with the <c>token</c> method, and a <c>run</c> at trace level that meets queued 500s, a policy
/// denial on the data path and on the mount, a deleted version, a missing path, a Vault that forgets its tokens,
/// and the proxy; every byte printed (and /metrics, /readyz, the proxy's refusal) is scanned for every canary raw,
/// URL-encoded, base64 at each alignment, and by its random middle.
/// </summary>
public sealed class VaultNoSecretInOutputTests
{
    private const string JwtSecret = "CANARY-vkv-jwt-4e1b";
    private const string ApiSecretKey = "CANARY-vkv-api-%2F7/+=";
    private const string NextJwtSecret = "CANARY-vkv-jwt2-aa10";
    private const string LockedPassword = "CANARY-vkv-locked-91c3";
    private const string PrivatePassword = "CANARY-vkv-private-5b0d";
    private const string OldPassword = "CANARY-vkv-old1-5d2e";
    private const string DeletedPassword = "CANARY-vkv-old2-77f0";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task ErrorRetryAndReloginPaths_AtTraceLevel_PrintNoValueSecretIdOrToken()
    {
        await using var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, JwtSecret, ApiSecretKey);
        // Metadata readable but data denied: a real 403 "permission denied" on the data read itself.
        vault.SetPolicy("locked-metadata", new Dictionary<string, string[]> { ["secret/metadata/locked/*"] = ["read"] });
        vault.WriteKv(VaultSetup.Mount, "locked/db", new Dictionary<string, string> { ["password"] = LockedPassword });
        // No access at all: the mount lookup is denied.
        vault.WriteKv(VaultSetup.Mount, "private/db", new Dictionary<string, string> { ["password"] = PrivatePassword });
        // Version 2 soft-deleted: 404 with an envelope, told apart from the missing path.
        vault.WriteKv(VaultSetup.Mount, "r3mes/old", new Dictionary<string, string> { ["password"] = OldPassword });
        vault.WriteKv(VaultSetup.Mount, "r3mes/old", new Dictionary<string, string> { ["password"] = DeletedPassword });
        vault.DeleteKvVersion(VaultSetup.Mount, "r3mes/old", 2);
        var role = vault.AddAppRole("approle", "backend", TimeSpan.FromMinutes(20), policies: [VaultSetup.ReadPolicy, "locked-metadata"]);
        using var workspace = new TempWorkspace();
        var auth = VaultSetup.AppRoleAuth(workspace, vault, role);
        var wrappingToken = File.ReadAllText(workspace.PathOf("secret-id")).Trim();
        var directToken = vault.CreateToken([VaultSetup.ReadPolicy, "locked-metadata"], TimeSpan.FromHours(1));
        File.WriteAllText(workspace.PathOf("token"), directToken);
        var port = FreePort.Next();
        var proxyPort = FreePort.Next();
        var secrets = """
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {}, api_secret_key: {} }
                refresh: 1s
              - name: locked
                source: { vault: secret/locked/db }
                files: { postgres_password: { key: password } }
                refresh: 1s
              - name: private
                source: { vault: secret/private/db }
                files: { redis_password: { key: password } }
              - name: old
                source: { vault: secret/r3mes/old }
                files: { grafana_admin_password: { key: password } }
              - name: missing
                source: { vault: secret/r3mes/missing }
                files: { node_key: { key: password } }
            """;
        var onceConfig = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: trace }
            retry_budget: 2s
            vault:
              address: {{vault.Address}}
              auth: { method: token, token_file: token }
            {{secrets}}
            """, "once.yaml");
        var runConfig = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: trace }
            listen: 127.0.0.1:{{port}}
            vault:
              address: {{vault.Address}}
              auth: {{auth}}
              token_file: vault-token
              proxy: { listen: 127.0.0.1:{{proxyPort}} }
            {{secrets}}
            """);
        var transcript = new StringBuilder();

        using (var check = await SidecarProcess.RunAsync("check", "-c", runConfig))
        {
            transcript.Append(check.Transcript);
            Assert.True(check.ExitCode == 0, check.Transcript);
        }

        using (var once = await SidecarProcess.RunAsync("once", "-c", onceConfig))
        {
            transcript.Append(once.Transcript);
            Assert.True(once.ExitCode == 1, once.Transcript);
            Assert.Equal(JwtSecret, workspace.ReadOutput("jwt_secret"));
        }

        using (var run = SidecarProcess.Start(["run", "-c", runConfig]))
        {
            try
            {
                await run.WaitForOutputAsync("jwt_secret unchanged for secret app");
                foreach (var name in new[] { "locked", "private", "old", "missing" })
                {
                    await run.WaitForOutputAsync($"refreshing secret {name} failed");
                }

                var faults = vault.Requests.Count(r => r.Status == 500);
                vault.FailNext(3, 500);
                await Eventually.Until(() => vault.Requests.Count(r => r.Status == 500) == faults + 3, Eventually.DefaultTimeout, () => VaultSetup.Describe(vault));

                transcript.Append(await ProxyAsync(proxyPort, withHeader: false));
                Assert.Contains(JwtSecret, await ProxyAsync(proxyPort, withHeader: true), StringComparison.Ordinal);

                vault.Restart();
                await Eventually.Until(() => VaultSetup.Count(vault, VaultSetup.LoginPath) >= 2, Eventually.DefaultTimeout, () => run.Transcript);
                vault.WriteKv(VaultSetup.Mount, VaultSetup.AppPath, new Dictionary<string, string> { ["jwt_secret"] = NextJwtSecret, ["api_secret_key"] = ApiSecretKey });
                await Eventually.Until(() => workspace.ReadOutput("jwt_secret") == NextJwtSecret, Eventually.DefaultTimeout, () => run.Transcript);

                transcript.Append(await Http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics")));
                using var readyz = await Http.GetAsync(new Uri($"http://127.0.0.1:{port}/readyz"));
                transcript.Append(await readyz.Content.ReadAsStringAsync());
                run.Signal(Unix.SigTerm);
                Assert.Equal(0, await run.WaitForExitAsync(SidecarProcess.ExitTimeout));
            }
            finally
            {
                transcript.Append(run.Transcript);
            }
        }

        var text = transcript.ToString();
        // The scenario reached the paths it is meant to scan, and the canaries really were the secrets in play.
        Assert.Equal(NextJwtSecret, workspace.ReadOutput("jwt_secret"));
        Assert.Equal(ApiSecretKey, workspace.ReadOutput("api_secret_key"));
        Assert.Equal(vault.IssuedTokens[^1], File.ReadAllText(workspace.PathOf("vault-token")).Trim());
        Assert.Contains("permission denied", text, StringComparison.Ordinal);
        Assert.Contains("does not allow reading it", text, StringComparison.Ordinal);
        Assert.Contains("version 2 was deleted", text, StringComparison.Ordinal);
        Assert.Contains("no secret at this path", text, StringComparison.Ordinal);
        Assert.Contains("X-Vault-Request", text, StringComparison.Ordinal);
        Assert.Contains("r3mes_sidecar_fetch_errors_total", text, StringComparison.Ordinal);
        Assert.Equal(2, VaultSetup.Count(vault, VaultSetup.LoginPath));
        Assert.Equal(1, VaultSetup.Count(vault, VaultSetup.UnwrapPath));
        Assert.Contains(vault.Requests, r => r.Path == "/v1/secret/data/locked/db" && r.Status == 403);
        Assert.Contains(vault.Requests, r => r.Path == "/v1/auth/token/lookup-self" && r.Status == 200);
        foreach (var file in new[] { "postgres_password", "redis_password", "grafana_admin_password", "node_key" })
        {
            Assert.False(File.Exists(workspace.OutputFile(file)), file);
        }

        string[] canaries =
        [
            JwtSecret, ApiSecretKey, NextJwtSecret, LockedPassword, PrivatePassword, OldPassword, DeletedPassword,
            wrappingToken, directToken, .. role.SecretIds, .. vault.IssuedTokens,
        ];
        Assert.True(canaries.Length >= 12, string.Join(", ", canaries.Length));
        Canary.AssertAbsent(canaries, text);
    }

    /// <summary>GET of the app secret through the proxy; returns the answer's status and body.</summary>
    private static async Task<string> ProxyAsync(int proxyPort, bool withHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{proxyPort}/v1/secret/data/r3mes/app");
        if (withHeader)
        {
            request.Headers.Add("X-Vault-Request", "true");
        }

        using var response = await Http.SendAsync(request);
        Assert.Equal(withHeader ? HttpStatusCode.OK : HttpStatusCode.PreconditionFailed, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
