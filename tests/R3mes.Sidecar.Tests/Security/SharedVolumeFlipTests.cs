using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Security;

/// <summary>
/// consul-template #2156 under a race: another process keeps flipping the target name between a symlink to a file
/// outside the root and whatever the sidecar last put there, while the sidecar rotates. 10,000 rotations drive
/// <see cref="SecretFileWriter"/> directly (the code every file write of the binary goes through); the binary then
/// rotates its file source 300 times (10 ms apart) under the same flipper. Both end with 0 writes outside the root, and
/// every file the sidecar placed is a complete value of its own.
/// </summary>
public sealed class SharedVolumeFlipTests
{
    private const int Rotations = 10_000;
    private const int BinaryRotations = 300;

    [Fact]
    public void ConsulTemplate2156_SymlinkFlippingDuring10000Rotations_NothingWrittenOutside()
    {
        using var workspace = new TempWorkspace();
        var decoy = new Decoy(workspace);
        var writer = new SecretFileWriter(workspace.Output);
        var target = new FileTarget("postgres_password", UnixFileMode.UserRead | UnixFileMode.UserWrite, null, null);
        var (written, refused) = (0, 0);
        using var flipper = new SymlinkFlipper(workspace.OutputFile(target.Name), decoy.Victim);

        for (var i = 0; i < Rotations; i++)
        {
            try
            {
                writer.Write(target, SecretValue.FromUtf8($"CANARY-flip-{i:D5}"));
                written++;
            }
            catch (OutputException e)
            {
                Assert.True(
                    e.Message.Contains("is a symlink in the output directory", StringComparison.Ordinal) || e.Message.Contains("replaced by another process", StringComparison.Ordinal),
                    e.Message);
                refused++;
            }
        }

        flipper.Stop();
        Assert.True(flipper.Flips > 0 && refused > 0 && written > 0, $"the race did not happen: {flipper.Flips} flips, {written} written, {refused} refused");
        decoy.AssertUntouched();
        AssertOnlyOwnValuesOrTheLink(workspace, target.Name, decoy.Victim);
    }

    [Fact]
    public async Task ConsulTemplate2156_SymlinkFlippingWhileTheBinaryRotates_NothingWrittenOutside()
    {
        using var workspace = new TempWorkspace();
        var decoy = new Decoy(workspace);
        workspace.WriteSource("app/jwt_secret.txt", "CANARY-flipbin-0000");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - name: app
                source: { file: src/app, settle: 1ms }
                files: { jwt_secret: {} }
                refresh: 50ms
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote jwt_secret");

        using (var flipper = new SymlinkFlipper(workspace.OutputFile("jwt_secret"), decoy.Victim))
        {
            for (var i = 1; i <= BinaryRotations; i++)
            {
                workspace.WriteSource("app/jwt_secret.txt", $"CANARY-flipbin-{i:D4}");
                await Eventually.Quiet(TimeSpan.FromMilliseconds(10));
            }

            flipper.Stop();
            Assert.True(flipper.Flips > 0, "the flipper never flipped");
        }

        Assert.False(run.HasExited, run.Transcript);
        Assert.True(run.CountLines("is a symlink in the output directory") > 0, $"no write met the planted symlink in {BinaryRotations} rotations");
        decoy.AssertUntouched();
        AssertOnlyOwnValuesOrTheLink(workspace, "jwt_secret", decoy.Victim);
    }

    private static void AssertOnlyOwnValuesOrTheLink(TempWorkspace workspace, string name, string victim)
    {
        var path = workspace.OutputFile(name);
        if (new FileInfo(path).LinkTarget is { } link)
        {
            Assert.Equal(victim, link);
        }
        else if (File.Exists(path))
        {
            Assert.StartsWith("CANARY-flip", File.ReadAllText(path), StringComparison.Ordinal);
        }

        Assert.All(Directory.GetFileSystemEntries(workspace.Output), e => Assert.DoesNotContain(".tmp-", e, StringComparison.Ordinal));
    }
}
