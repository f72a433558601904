using System.Text;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Operator;

/// <summary><c>secrets export</c>: a Kubernetes Secret whose data decode to the files; the Swarm set reads files and holds no value.</summary>
public sealed class SecretsExportTests
{
    [Fact]
    public async Task ExportK8s_ToStdout_IsASecretManifestWhoseDataAreTheFiles()
    {
        using var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);

        using var export = await workspace.RunAsync("secrets", "export", "--format", "k8s", "--namespace", "r3mes");

        Assert.True(export.ExitCode == 0, export.Transcript);
        var lines = export.Stdout.Split('\n');
        Assert.Contains("kind: Secret", lines);
        Assert.Contains("  namespace: r3mes", lines);
        var data = lines.SkipWhile(l => l != "data:").Skip(1).Where(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(": ", 2)).ToDictionary(p => p[0], p => Convert.FromBase64String(p[1]), StringComparer.Ordinal);
        var files = workspace.Snapshot();
        Assert.Equal(files.Keys.Select(k => k[..^4]).Order(StringComparer.Ordinal), data.Keys.Order(StringComparer.Ordinal));
        Assert.All(data, d => Assert.Equal(files[d.Key + ".txt"], d.Value));
    }

    [Fact]
    public async Task ExportToAFile_Is0600_AndNotReplacedWithoutForce()
    {
        using var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);
        File.WriteAllText(workspace.PathOf("secret.yaml"), "keep me");

        using var refused = await workspace.RunAsync("secrets", "export", "--format", "k8s", "--out", "secret.yaml");

        Assert.True(refused.ExitCode == 1, refused.Transcript);
        Assert.Equal("keep me", File.ReadAllText(workspace.PathOf("secret.yaml")));

        using var fresh = await workspace.RunAsync("secrets", "export", "--format", "k8s", "--out", "k8s/secret.yaml");
        Assert.False(fresh.ExitCode == 0, "the --out directory does not exist and must not be created silently");

        Directory.CreateDirectory(workspace.PathOf("k8s"));
        using var written = await workspace.RunAsync("secrets", "export", "--format", "k8s", "--out", "k8s/secret.yaml");
        Assert.True(written.ExitCode == 0, written.Transcript);
        Assert.Equal("600", FileStatus.Of(workspace.PathOf("k8s/secret.yaml")).Mode);
        Assert.Contains("kind: Secret", File.ReadAllText(workspace.PathOf("k8s/secret.yaml")), StringComparison.Ordinal);
        Canary.AssertAbsent([workspace.Secret("jwt_secret.txt")], written.Transcript);

        using var forced = await workspace.RunAsync("secrets", "export", "--format", "k8s", "--out", "secret.yaml", "--force");
        Assert.True(forced.ExitCode == 0, forced.Transcript);
        Assert.Equal("600", FileStatus.Of(workspace.PathOf("secret.yaml")).Mode);
    }

    [Fact]
    public async Task ExportSwarm_CreatesEverySecretFromItsFile_AndHoldsNoValue()
    {
        using var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);

        using var export = await workspace.RunAsync("secrets", "export", "--format", "swarm");

        Assert.True(export.ExitCode == 0, export.Transcript);
        Assert.Contains("docker secret create 'r3mes_jwt_secret' 'docker/secrets/jwt_secret.txt'", export.Stdout, StringComparison.Ordinal);
        Assert.Equal(workspace.Snapshot().Count, export.Stdout.Split('\n').Count(l => l.StartsWith("docker secret create ", StringComparison.Ordinal)));
        Canary.AssertAbsent(workspace.Snapshot().Where(f => f.Key != "postgres_user.txt").Select(f => Encoding.UTF8.GetString(f.Value).Trim()), export.Transcript);
    }
}
