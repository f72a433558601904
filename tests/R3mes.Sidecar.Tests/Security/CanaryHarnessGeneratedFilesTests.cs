using R3mes.Sidecar.Tests.Operator;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Security;

/// <summary>
/// The canary harness searches the files a command generates (<c>--out FILE</c>), not only what it prints: a
/// manifest that carries a value from the workspace's sources is caught, located by the file and the source, and the
/// report never holds the value; an encrypted backup archive is searched for the store's values in the clear.
/// </summary>
public sealed class CanaryHarnessGeneratedFilesTests
{
    [Fact]
    public async Task ExportedManifestCarryingASourceValue_CaughtInTheOutFileWithoutPrintingIt()
    {
        using var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);
        // A value the test's sources serve, also in the store that `secrets export` turns into a Secret manifest.
        var store = Directory.EnumerateFiles(workspace.SecretsDir).Order(StringComparer.Ordinal).First();
        var value = File.ReadAllText(store).Trim();
        Directory.CreateDirectory(workspace.PathOf("src"));
        File.WriteAllText(workspace.PathOf("src/leaked.txt"), value);

        using var export = SidecarProcess.Start(["secrets", "export", "--format", "k8s", "--out", "secret.yaml"], null, workspace.Root);
        export.ExpectLeaks();
        Assert.True(await export.WaitForExitAsync(SidecarProcess.ExitTimeout) == 0, export.Transcript);

        var leaks = export.Leaks();
        Assert.Contains(leaks, l => l.StartsWith($"a secret value from src/leaked.txt ({value.Length} characters) appears in the file written by --out secret.yaml, line ", StringComparison.Ordinal));
        Assert.DoesNotContain(leaks, l => l.Contains("stdout", StringComparison.Ordinal));
        Assert.All(leaks, l => Assert.DoesNotContain(value, l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BackupArchive_IsSearchedForTheStoresValues_AndHoldsNoneInTheClear()
    {
        using var workspace = new OperatorWorkspace();
        Assert.Equal(0, (await workspace.RunAsync("secrets", "create")).ExitCode);
        var environment = new Dictionary<string, string?> { ["R3MES_BACKUP_PASSPHRASE"] = "canary harness backup passphrase 2026" };

        using var backup = SidecarProcess.Start(["secrets", "backup", "--out", "r3mes.backup"], environment, workspace.Root);
        Assert.True(await backup.WaitForExitAsync(SidecarProcess.ExitTimeout) == 0, backup.Transcript);
        Assert.True(new FileInfo(workspace.PathOf("r3mes.backup")).Length > 0);
        Assert.Empty(backup.Leaks());

        // The same archive with one store value appended in the clear is caught: the search does reach the archive.
        var value = File.ReadAllText(Directory.EnumerateFiles(workspace.SecretsDir).Order(StringComparer.Ordinal).First()).Trim();
        backup.ExpectLeaks();
        File.AppendAllText(workspace.PathOf("r3mes.backup"), value);
        var leaks = backup.Leaks();
        Assert.Contains(leaks, l => l.StartsWith("a secret value from docker/secrets/", StringComparison.Ordinal) && l.Contains("appears in the file written by --out r3mes.backup", StringComparison.Ordinal));
        Assert.All(leaks, l => Assert.DoesNotContain(value, l, StringComparison.Ordinal));
    }
}
