using System.Text.Json.Nodes;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Vault;
using R3mes.Sidecar.Vault.Emulator.Postgres;

namespace R3mes.Sidecar.Tests.Operator;

/// <summary><c>secrets rotate</c>: NAME.prev, a real PostgreSQL role, a new Vault KV version, a running sidecar that follows.</summary>
public sealed class SecretsRotateTests
{
    [Fact]
    public async Task Rotate_WritesANewValue_KeepsThePreviousAsPrev0600_AndPrintsNeither()
    {
        using var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);
        var old = workspace.Secret("jwt_secret.txt");
        var untouched = workspace.SecretBytes("redis_password.txt");

        using var rotate = await workspace.RunAsync("secrets", "rotate", "--secret", "jwt_secret");

        Assert.True(rotate.ExitCode == 0, rotate.Transcript);
        var fresh = workspace.Secret("jwt_secret.txt");
        Assert.NotEqual(old, fresh);
        Assert.Equal(128, fresh.Length);
        Assert.Equal(old, workspace.Secret("jwt_secret.prev"));
        Assert.Equal("600", FileStatus.Of(Path.Combine(workspace.SecretsDir, "jwt_secret.prev")).Mode);
        Assert.Equal("600", FileStatus.Of(Path.Combine(workspace.SecretsDir, "jwt_secret.txt")).Mode);
        Assert.Equal(untouched, workspace.SecretBytes("redis_password.txt"));
        Canary.AssertAbsent([old, fresh], rotate.Transcript);
    }

    [Theory]
    [InlineData("validator_key", "never invented")]
    [InlineData("postgres_user", "is a name")]
    [InlineData("jwt_secrte", "unknown secret 'jwt_secrte'")]
    public async Task Rotate_RefusesWhatItMustNotInvent_ExitTwo_NothingChanged(string name, string message)
    {
        using var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);
        var before = workspace.Snapshot();

        using var rotate = await workspace.RunAsync("secrets", "rotate", "--secret", name);

        Assert.True(rotate.ExitCode == 2, rotate.Transcript);
        Assert.Contains(message, rotate.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, workspace.Snapshot());
    }

    [Fact]
    public async Task Rotate_PostgresPassword_OnARealServer_OldStopsWorking_NewWorks_FileHoldsTheNewOne()
    {
        await using var postgres = await PostgresServer.StartAsync();
        using var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);
        var old = workspace.Secret("postgres_password.txt");
        await postgres.ExecuteAsync($"CREATE ROLE r3mes WITH LOGIN PASSWORD '{old}'");
        Assert.True(await postgres.CanLoginAsync("r3mes", old));
        var (admin, adminPassword) = postgres.SuperuserCredentials;

        using var rotate = await workspace.RunAsync(
            new Dictionary<string, string?> { ["PGPASSWORD"] = adminPassword },
            "secrets", "rotate", "--secret", "postgres_password", "--postgres-admin-url", $"postgresql://{admin}@127.0.0.1:{postgres.Port}/postgres?sslmode=disable");

        Assert.True(rotate.ExitCode == 0, rotate.Transcript);
        var fresh = workspace.Secret("postgres_password.txt");
        Assert.NotEqual(old, fresh);
        Assert.Equal(old, workspace.Secret("postgres_password.prev"));
        Assert.False(await postgres.CanLoginAsync("r3mes", old), "the old password still works");
        Assert.True(await postgres.CanLoginAsync("r3mes", fresh), "the new password does not work");
        Assert.Contains("PostgreSQL role 'r3mes' changed", rotate.Stdout, StringComparison.Ordinal);
        Canary.AssertAbsent([old, fresh, adminPassword], rotate.Transcript);
    }

    [Fact]
    public async Task Rotate_PostgresPassword_WhenTheRoleCannotBeChanged_ExitsOne_FileAndPasswordUnchanged()
    {
        await using var postgres = await PostgresServer.StartAsync();
        using var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);
        var old = workspace.Secret("postgres_password.txt");
        var (admin, adminPassword) = postgres.SuperuserCredentials;

        using var rotate = await workspace.RunAsync(
            new Dictionary<string, string?> { ["PGPASSWORD"] = adminPassword },
            "secrets", "rotate", "--secret", "postgres_password", "--postgres-admin-url", $"postgresql://{admin}@127.0.0.1:{postgres.Port}/postgres");

        Assert.True(rotate.ExitCode == 1, rotate.Transcript);
        Assert.Contains("could not change the password of role 'r3mes', nothing was changed", rotate.Stderr, StringComparison.Ordinal);
        Assert.Equal(old, workspace.Secret("postgres_password.txt"));
    }

    [Fact]
    public async Task Rotate_WithVault_WritesANewKvVersion_KeepingTheOtherFields()
    {
        await using var vault = await VaultSetup.StartAsync();
        var first = vault.WriteKv("secret", "r3mes/app", new Dictionary<string, string> { ["jwt_secret"] = "old-jwt", ["other"] = "kept" });
        using var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);

        using var rotate = await workspace.RunAsync(
            new Dictionary<string, string?> { ["VAULT_ADDR"] = vault.Address.ToString(), ["VAULT_TOKEN"] = vault.RootToken },
            "secrets", "rotate", "--secret", "jwt_secret", "--secret", "api_secret_key", "--vault", "secret/r3mes/app");

        Assert.True(rotate.ExitCode == 0, rotate.Transcript);
        using var http = new HttpClient { BaseAddress = vault.Address };
        http.DefaultRequestHeaders.Add("X-Vault-Token", vault.RootToken);
        var body = JsonNode.Parse(await http.GetStringAsync(new Uri("v1/secret/data/r3mes/app", UriKind.Relative)))!;
        Assert.Equal(first + 1, body["data"]!["metadata"]!["version"]!.GetValue<int>());
        var data = body["data"]!["data"]!;
        Assert.Equal(workspace.Secret("jwt_secret.txt"), data["jwt_secret"]!.GetValue<string>());
        Assert.Equal(workspace.Secret("api_secret_key.txt"), data["api_secret_key"]!.GetValue<string>());
        Assert.Equal("kept", data["other"]!.GetValue<string>());
        Assert.Contains($"version {first + 1} holds jwt_secret, api_secret_key", rotate.Stdout, StringComparison.Ordinal);
        Canary.AssertAbsent([workspace.Secret("jwt_secret.txt"), vault.RootToken], rotate.Transcript);
    }

    [Fact]
    public async Task Rotate_ARunningSidecarRendersTheNewValue_AndRunsTheConsumersAction()
    {
        using var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);
        Directory.CreateDirectory(workspace.PathOf("out"));
        var changed = workspace.PathOf("changed.log");
        File.WriteAllText(workspace.PathOf("sidecar.yaml"), $$"""
            output: { dir: out }
            secrets:
              - name: app
                source: { file: docker/secrets }
                files: { jwt_secret: {} }
                on_change: [backend]
            actions:
              backend: { command: [/bin/sh, -c, 'echo "$R3MES_CHANGED" >> {{changed}}'], wait: { min: 200ms, max: 1s } }
            """);
        using var sidecar = SidecarProcess.Start(["run", "-c", workspace.PathOf("sidecar.yaml")], workingDirectory: workspace.Root);
        var output = workspace.PathOf("out/jwt_secret");
        await Eventually.Until(() => File.Exists(output) && File.ReadAllText(output) == workspace.Secret("jwt_secret.txt"), Eventually.DefaultTimeout, () => sidecar.Transcript);

        using var rotate = await workspace.RunAsync("secrets", "rotate", "--secret", "jwt_secret");

        Assert.True(rotate.ExitCode == 0, rotate.Transcript);
        var fresh = workspace.Secret("jwt_secret.txt");
        await Eventually.Until(() => File.ReadAllText(output) == fresh, Eventually.DefaultTimeout, () => sidecar.Transcript);
        await Eventually.Until(() => File.Exists(changed) && File.ReadAllText(changed).Contains("jwt_secret", StringComparison.Ordinal), Eventually.DefaultTimeout, () => sidecar.Transcript);
    }
}
