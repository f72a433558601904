using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Cli;

/// <summary>
/// <c>retry_budget</c> is a deadline for the whole initial render, attempts included (README "Commands and exit
/// codes"): against a backend that accepts connections and never answers, <c>once</c> exits 1 when the budget is
/// spent — not after the client's per-attempt timeout (Vault 30 s, AWS 10 s) times its retries, which took 92 s
/// with a 10 s budget. Timed from the first connection the backend saw, so the sidecar's start-up does not count.
/// </summary>
public sealed class RetryBudgetDeadlineTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Once_VaultAcceptsButNeverAnswers_ExitsOneWhenTheBudgetIsSpent()
    {
        using var blackHole = new BlackHoleListener();
        using var workspace = new TempWorkspace();
        File.WriteAllText(workspace.PathOf("token"), "hvs.never-looked-at");
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            retry_budget: 3s
            vault:
              address: {{blackHole.Address}}
              auth: { method: token, token_file: token }
            secrets:
              - name: vault-app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {} }
            """);

        using var once = SidecarProcess.Start(["once", "-c", config]);

        await AssertGivesUpWithinBudgetAsync(once, blackHole, "vault-app");
        Assert.False(File.Exists(workspace.OutputFile("jwt_secret")));
    }

    [Fact]
    public async Task Once_AwsEndpointAcceptsButNeverAnswers_ExitsOneWhenTheBudgetIsSpent()
    {
        using var blackHole = new BlackHoleListener();
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig("""
            output: { dir: out }
            retry_budget: 3s
            aws: { region: us-east-1 }
            secrets:
              - name: aws-app
                source: { aws: r3mes/app }
                files: { api_secret_key: { key: api_secret_key } }
            """);
        var environment = new Dictionary<string, string?>
        {
            ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = blackHole.Address.ToString(),
            ["AWS_REGION"] = "us-east-1",
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_SHARED_CREDENTIALS_FILE"] = workspace.PathOf("no-credentials"),
            ["AWS_CONFIG_FILE"] = workspace.PathOf("no-config"),
            ["AWS_ACCESS_KEY_ID"] = "AKIAR3MESEXAMPLE0002",
            ["AWS_SECRET_ACCESS_KEY"] = "r3mes/black/hole/key/for/tests/only/00002",
            ["AWS_SESSION_TOKEN"] = null,
        };

        using var once = SidecarProcess.Start(["once", "-c", config], environment);

        await AssertGivesUpWithinBudgetAsync(once, blackHole, "aws-app");
        Assert.False(File.Exists(workspace.OutputFile("api_secret_key")));
    }

    private static async Task AssertGivesUpWithinBudgetAsync(SidecarProcess once, BlackHoleListener blackHole, string secret)
    {
        var code = await once.WaitForExitAsync(SidecarProcess.ExitTimeout);
        var exited = TimeProvider.System.GetTimestamp();

        Assert.True(code == 1, $"exit {code}; transcript:\n{once.Transcript}");
        Assert.True(blackHole.FirstAccepted is not null, $"the backend never saw a connection; transcript:\n{once.Transcript}");
        var waited = TimeProvider.System.GetElapsedTime(blackHole.FirstAccepted!.Value, exited);
        Assert.True(waited < Budget + Margin, $"exited {waited.TotalSeconds:0.0}s after the first connection (budget {Budget.TotalSeconds:0}s); transcript:\n{once.Transcript}");
        Assert.Contains($"rendering secret {secret} failed (attempt 1, giving up): retry_budget (3s) spent while waiting for an answer", once.Transcript, StringComparison.Ordinal);
        var last = once.Stderr.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith("r3mes-sidecar:", last, StringComparison.Ordinal);
        Assert.Contains(secret, last, StringComparison.Ordinal);
    }
}
