using System.Security.Cryptography.X509Certificates;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Operator;

/// <summary><c>secrets create</c> on the real filesystem: modes, lengths and alphabets, no overwrite, imports, no value printed.</summary>
public sealed class SecretsCreateTests
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Hex = "0123456789abcdef";

    [Fact]
    public async Task Create_WritesEveryGeneratedSecret_Directory0700_Files0600_AndPrintsNoValue()
    {
        using var workspace = new OperatorWorkspace();

        using var create = await workspace.RunAsync("secrets", "create");

        Assert.True(create.ExitCode == 0, create.Transcript);
        Assert.Equal("700", FileStatus.Of(workspace.SecretsDir).Mode);
        foreach (var (name, length, alphabet) in new[]
        {
            ("postgres_password", 32, Alphanumeric), ("redis_password", 32, Alphanumeric), ("jwt_secret", 128, Hex),
            ("api_secret_key", 64, Hex), ("grafana_admin_password", 32, Alphanumeric),
        })
        {
            var value = workspace.Secret(name + ".txt");
            Assert.Equal(length, value.Length);
            Assert.All(value, c => Assert.Contains(c, alphabet));
            Assert.Equal("600", FileStatus.Of(Path.Combine(workspace.SecretsDir, name + ".txt")).Mode);
        }

        Assert.Equal("r3mes", workspace.Secret("postgres_user.txt"));
        Assert.False(File.Exists(Path.Combine(workspace.SecretsDir, "validator_key.txt")), "a validator key must never be invented");
        Assert.False(File.Exists(Path.Combine(workspace.SecretsDir, "node_key.txt")), "a node key must never be invented");
        Assert.Contains("missing  validator_key.txt: never invented; import it with --import validator_key=PATH", create.Stdout, StringComparison.Ordinal);
        Assert.All(Directory.EnumerateFiles(workspace.SecretsDir), f => Assert.Equal("600", FileStatus.Of(f).Mode));
        Canary.AssertAbsent(workspace.Snapshot().Where(f => f.Key != "postgres_user.txt").Select(f => System.Text.Encoding.UTF8.GetString(f.Value).Trim()), create.Transcript);
    }

    [Fact]
    public async Task Create_TwoRunsGiveDifferentValues_InDifferentDirectories()
    {
        using var first = new OperatorWorkspace();
        using var second = new OperatorWorkspace();

        Assert.Equal(0, (await first.RunAsync("secrets", "create")).ExitCode);
        Assert.Equal(0, (await second.RunAsync("secrets", "create")).ExitCode);

        Assert.NotEqual(first.Secret("jwt_secret.txt"), second.Secret("jwt_secret.txt"));
        Assert.NotEqual(first.Secret("postgres_password.txt"), second.Secret("postgres_password.txt"));
    }

    [Fact]
    public async Task Create_Again_ChangesNoFile_AndForceReplacesGeneratedOnes()
    {
        using var workspace = new OperatorWorkspace();
        File.WriteAllText(workspace.PathOf("validator.json"), """{"address":"A","priv_key":{"type":"tendermint/PrivKeyEd25519","value":"x"}}""");
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create", "--import", "validator_key=validator.json")).ExitCode);
        var before = workspace.Snapshot();
        var status = Directory.EnumerateFiles(workspace.SecretsDir).ToDictionary(f => f, FileStatus.Of);

        using var again = await workspace.RunAsync("secrets", "create");

        Assert.True(again.ExitCode == 0, again.Transcript);
        Assert.Equal(before, workspace.Snapshot());
        Assert.All(status, s => Assert.Equal(s.Value, FileStatus.Of(s.Key)));
        Assert.Contains("kept     jwt_secret.txt (exists; --force replaces it)", again.Stdout, StringComparison.Ordinal);

        using var forced = await workspace.RunAsync("secrets", "create", "--force");

        Assert.True(forced.ExitCode == 0, forced.Transcript);
        var after = workspace.Snapshot();
        Assert.NotEqual(before["jwt_secret.txt"], after["jwt_secret.txt"]);
        Assert.NotEqual(before["ssl_private_key.txt"], after["ssl_private_key.txt"]);
        Assert.Equal(before["validator_key.txt"], after["validator_key.txt"]);
    }

    [Fact]
    public async Task Create_ImportThatConflicts_WithoutForce_ExitsOneAndWritesNothing()
    {
        using var workspace = new OperatorWorkspace();
        File.WriteAllText(workspace.PathOf("a.json"), """{"key":"a"}""");
        File.WriteAllText(workspace.PathOf("b.json"), """{"key":"b"}""");
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create", "--import", "node_key=a.json")).ExitCode);
        File.Delete(Path.Combine(workspace.SecretsDir, "jwt_secret.txt"));
        var before = workspace.Snapshot();

        using var conflict = await workspace.RunAsync("secrets", "create", "--import", "node_key=b.json");

        Assert.True(conflict.ExitCode == 1, conflict.Transcript);
        Assert.Contains("node_key.txt exists with another value: nothing was written; pass --force", conflict.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, workspace.Snapshot());

        using var forced = await workspace.RunAsync("secrets", "create", "--import", "node_key=b.json", "--force");
        Assert.True(forced.ExitCode == 0, forced.Transcript);
        Assert.Equal("""{"key":"b"}""", workspace.Secret("node_key.txt"));
    }

    [Fact]
    public async Task Create_ImportOfAKeyThatIsNotJson_ExitsOneWithoutQuotingIt()
    {
        using var workspace = new OperatorWorkspace();
        File.WriteAllText(workspace.PathOf("key.txt"), "CANARY-not-json-5f1c2a");

        using var create = await workspace.RunAsync("secrets", "create", "--import", "validator_key=key.txt");

        Assert.True(create.ExitCode == 1, create.Transcript);
        Assert.Contains("is not a JSON object", create.Stderr, StringComparison.Ordinal);
        Canary.AssertAbsent(["CANARY-not-json-5f1c2a"], create.Transcript);
        Assert.False(Directory.Exists(workspace.SecretsDir) && Directory.EnumerateFiles(workspace.SecretsDir).Any());
    }

    [Fact]
    public async Task Create_NarrowsAnExistingDirectoryTo0700()
    {
        using var workspace = new OperatorWorkspace();
        Directory.CreateDirectory(workspace.SecretsDir);
        File.SetUnixFileMode(workspace.SecretsDir, (UnixFileMode)0b111_101_101);

        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);

        Assert.Equal("700", FileStatus.Of(workspace.SecretsDir).Mode);
    }

    [Fact]
    public async Task Create_TheDevelopmentTlsPairMatches()
    {
        using var workspace = new OperatorWorkspace();

        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);

        using var pair = X509Certificate2.CreateFromPem(workspace.Secret("ssl_certificate.txt"), workspace.Secret("ssl_private_key.txt"));
        Assert.True(pair.HasPrivateKey);
        Assert.Contains("CN=localhost", pair.Subject, StringComparison.Ordinal);
    }
}
