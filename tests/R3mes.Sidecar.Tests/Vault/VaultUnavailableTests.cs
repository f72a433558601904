using System.Net;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// CONTRACT §2/§6/§8: Vault unreachable at start. <c>once</c> gives up after <c>retry_budget</c> and exits 1 with one
/// line naming the secret; <c>run</c> keeps trying, reports not ready, leaves the files it found alone, and renders
/// as soon as Vault answers.
/// </summary>
public sealed class VaultUnavailableTests
{
    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(5);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task Once_NothingListening_ExitsOneAfterTheRetryBudgetNamingTheSecret()
    {
        using var workspace = new TempWorkspace();
        File.WriteAllText(workspace.PathOf("token"), "hvs.nobody-will-check-this");
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            retry_budget: 5s
            vault:
              address: http://127.0.0.1:{{FreePort.Next()}}
              auth: { method: token, token_file: token }
            secrets:
              - name: vault-app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {} }
            """);

        var started = TimeProvider.System.GetTimestamp();
        using var once = SidecarProcess.Start(["once", "-c", config]);
        var code = await once.WaitForExitAsync(SidecarProcess.ExitTimeout);
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        Assert.True(code == 1, $"exit {code}; transcript:\n{once.Transcript}");
        Assert.Contains("rendering secret vault-app failed (attempt 1, retrying in", once.Transcript, StringComparison.Ordinal);
        // The budget plus one attempt in flight (the client's own retries of a refused connection, ~3.5 s).
        Assert.True(elapsed < RetryBudget + TimeSpan.FromSeconds(8), $"exited after {elapsed.TotalSeconds:0.0}s; transcript:\n{once.Transcript}");
        var last = once.Stderr.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith("r3mes-sidecar:", last, StringComparison.Ordinal);
        Assert.Contains("vault-app", last, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.OutputFile("jwt_secret")));
    }

    [Fact]
    public async Task Run_StartedWhileVaultIsDown_IsNotReadyKeepsExistingFilesThenRendersWhenVaultAnswers()
    {
        await using var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, "jwt-from-vault", "api-from-vault");
        var role = VaultSetup.AddRole(vault);
        using var workspace = new TempWorkspace();
        var auth = VaultSetup.AppRoleAuth(workspace, vault, role);
        File.WriteAllText(workspace.OutputFile("jwt_secret"), "jwt-last-good");
        File.WriteAllText(workspace.OutputFile("api_secret_key"), "api-last-good");
        var before = new[] { FileStatus.Of(workspace.OutputFile("jwt_secret")), FileStatus.Of(workspace.OutputFile("api_secret_key")) };
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            retry_budget: 5s
            listen: 127.0.0.1:{{port}}
            vault:
              address: {{vault.Address}}
              auth: {{auth}}
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {}, api_secret_key: {} }
                refresh: 1s
            """);
        var readyz = new Uri($"http://127.0.0.1:{port}/readyz");
        await vault.StopListeningAsync();

        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("refreshing secret app failed");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(readyz));
        Assert.Equal("jwt-last-good", workspace.ReadOutput("jwt_secret"));
        Assert.Equal("api-last-good", workspace.ReadOutput("api_secret_key"));
        Assert.Equal(before, new[] { FileStatus.Of(workspace.OutputFile("jwt_secret")), FileStatus.Of(workspace.OutputFile("api_secret_key")) });
        Assert.False(run.HasExited, run.Transcript);

        await vault.ResumeListeningAsync();

        await Eventually.Until(
            () => workspace.ReadOutput("jwt_secret") == "jwt-from-vault" && workspace.ReadOutput("api_secret_key") == "api-from-vault",
            Eventually.DefaultTimeout,
            () => run.Transcript);
        await Eventually.Until(async () => await StatusAsync(readyz) == HttpStatusCode.OK, Eventually.DefaultTimeout, () => run.Transcript);
        Assert.Equal(1, VaultSetup.Count(vault, VaultSetup.UnwrapPath));
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
