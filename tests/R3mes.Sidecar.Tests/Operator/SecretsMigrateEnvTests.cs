using System.Text;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Operator;

/// <summary><c>secrets migrate-env</c>: values move to 0600 files, .env keeps everything else, a 0600 backup, idempotent.</summary>
public sealed class SecretsMigrateEnvTests
{
    private const string Env = """
        COMPOSE_PROJECT_NAME=r3mes
        # database
        POSTGRES_USER=r3mes
        export POSTGRES_PASSWORD="CANARY-pg \"quoted\" 7a1e"
        JWT_SECRET=CANARY-jwt-93b2 # signing key
        GF_SECURITY_ADMIN_PASSWORD='CANARY-graf 4c0d'
        LOG_LEVEL=debug

        """;

    [Fact]
    public async Task MigrateEnv_MovesTheValuesIntoFiles_RewritesEnvWithoutThem_AndBacksItUp0600()
    {
        using var workspace = new OperatorWorkspace();
        var env = workspace.PathOf(".env");
        File.WriteAllText(env, Env);
        File.SetUnixFileMode(env, (UnixFileMode)0b110_100_100);

        using var migrate = await workspace.RunAsync("secrets", "migrate-env", "--env-file", ".env");

        Assert.True(migrate.ExitCode == 0, migrate.Transcript);
        Assert.Equal("r3mes", workspace.Secret("postgres_user.txt"));
        Assert.Equal("CANARY-pg \"quoted\" 7a1e", workspace.Secret("postgres_password.txt"));
        Assert.Equal("CANARY-jwt-93b2", workspace.Secret("jwt_secret.txt"));
        Assert.Equal("CANARY-graf 4c0d", workspace.Secret("grafana_admin_password.txt"));
        Assert.All(Directory.EnumerateFiles(workspace.SecretsDir), f => Assert.Equal("600", FileStatus.Of(f).Mode));
        var rewritten = File.ReadAllText(env);
        Canary.AssertAbsent(["CANARY-pg \"quoted\" 7a1e", "CANARY-jwt-93b2", "CANARY-graf 4c0d"], rewritten);
        Assert.Contains("COMPOSE_PROJECT_NAME=r3mes\n", rewritten, StringComparison.Ordinal);
        Assert.Contains("LOG_LEVEL=debug\n", rewritten, StringComparison.Ordinal);
        Assert.Contains("JWT_SECRET_FILE=/run/secrets/jwt_secret\n", rewritten, StringComparison.Ordinal);
        Assert.Contains("GF_SECURITY_ADMIN_PASSWORD_FILE=/run/secrets/grafana_admin_password\n", rewritten, StringComparison.Ordinal);
        Assert.Equal("644", FileStatus.Of(env).Mode);
        var backup = Assert.Single(Directory.EnumerateFiles(workspace.Root, ".env.*.bak"));
        Assert.Equal(Env, File.ReadAllText(backup));
        Assert.Equal("600", FileStatus.Of(backup).Mode);
        Assert.Contains("JWT_SECRET_FILE: /run/secrets/jwt_secret", migrate.Stdout, StringComparison.Ordinal);
        Canary.AssertAbsent(["CANARY-pg \"quoted\" 7a1e", "CANARY-jwt-93b2", "CANARY-graf 4c0d"], migrate.Transcript);
    }

    [Fact]
    public async Task MigrateEnv_Again_ChangesNothing()
    {
        using var workspace = new OperatorWorkspace();
        var env = workspace.PathOf(".env");
        File.WriteAllText(env, Env);
        Assert.Equal(0, (await workspace.RunAsync("secrets", "migrate-env")).ExitCode);
        var envBytes = File.ReadAllBytes(env);
        var envStatus = FileStatus.Of(env);
        var secrets = workspace.Snapshot();

        using var again = await workspace.RunAsync("secrets", "migrate-env");

        Assert.True(again.ExitCode == 0, again.Transcript);
        Assert.Contains("nothing to migrate", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(envBytes, File.ReadAllBytes(env));
        Assert.Equal(envStatus, FileStatus.Of(env));
        Assert.Equal(secrets, workspace.Snapshot());
        Assert.Single(Directory.EnumerateFiles(workspace.Root, ".env.*.bak"));
    }

    [Fact]
    public async Task MigrateEnv_WhenAFileHoldsAnotherValue_ExitsOne_AndChangesNothing()
    {
        using var workspace = new OperatorWorkspace();
        var env = workspace.PathOf(".env");
        File.WriteAllText(env, Env);
        Directory.CreateDirectory(workspace.SecretsDir);
        File.WriteAllText(Path.Combine(workspace.SecretsDir, "jwt_secret.txt"), "another");

        using var migrate = await workspace.RunAsync("secrets", "migrate-env");

        Assert.True(migrate.ExitCode == 1, migrate.Transcript);
        Assert.Contains("jwt_secret.txt exists with another value than JWT_SECRET", migrate.Stderr, StringComparison.Ordinal);
        Assert.Equal(Env, File.ReadAllText(env, Encoding.UTF8));
        Assert.Equal(["jwt_secret.txt"], workspace.Snapshot().Keys);
        Assert.Empty(Directory.EnumerateFiles(workspace.Root, ".env.*.bak"));
    }
}
