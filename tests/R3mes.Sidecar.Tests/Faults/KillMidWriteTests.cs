using System.Text;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// Fault matrix (issue 15, suite 1): SIGKILL in the middle of a burst of rotations. Whatever instant the kill lands
/// on, every output file is one complete value (the writer renames a finished temp file into place), and the next
/// start removes the temp files the killed run left and renders the latest value.
/// </summary>
public sealed class KillMidWriteTests
{
    private const int Kills = 3;
    private const int Size = 256 * 1024;
    private static readonly string[] Names = ["tls_key", "tls_certificate"];

    [Fact]
    public async Task Sigkill_during_a_burst_of_rotations__every_file_complete_and_no_temp_file_left_after_restart()
    {
        using var workspace = new TempWorkspace();
        var written = new HashSet<string>(StringComparer.Ordinal);
        var generation = 0;
        void Publish()
        {
            generation++;
            foreach (var name in Names)
            {
                var value = Value(name, generation);
                lock (written)
                {
                    written.Add(Hash(value));
                }

                workspace.WriteSource(name, value);
            }
        }

        Publish();
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - name: app
                source: { file: src, settle: 1ms }
                files: { tls_key: {}, tls_certificate: {} }
                refresh: 1s
            """);
        for (var kill = 0; kill < Kills; kill++)
        {
            using var run = SidecarProcess.Start(["run", "-c", config]);
            await Eventually.Until(() => Names.All(n => Complete(workspace, n, written)), Eventually.DefaultTimeout, () => run.Transcript);
            var writesBefore = run.CountLines("wrote ");

            // Rotate as fast as the files can be written until the sidecar has written a few, then kill it in the middle.
            var target = writesBefore + 4 + (kill * 3);
            await Eventually.Until(
                () =>
                {
                    Publish();
                    return run.CountLines("wrote ") >= target;
                },
                Eventually.DefaultTimeout,
                () => run.Transcript);
            Publish();
            run.Signal(9);
            await run.WaitForExitAsync(SidecarProcess.ExitTimeout);

            foreach (var name in Names)
            {
                Assert.True(Complete(workspace, name, written), $"after SIGKILL {kill + 1}, {name} is not one complete value:\n{run.Transcript}");
            }
        }

        using var last = SidecarProcess.Start(["run", "-c", config]);
        var latest = Names.ToDictionary(n => n, n => Value(n, generation));
        await Eventually.Until(() => Names.All(n => File.ReadAllText(workspace.OutputFile(n)) == latest[n]), Eventually.DefaultTimeout, () => last.Transcript);
        Assert.Empty(FileCell.TempFiles(workspace));
        Assert.Equal(Names.Order(StringComparer.Ordinal), Directory.EnumerateFiles(workspace.Output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>A large value whose every line names its file and generation: a torn or mixed file cannot match any.</summary>
    private static string Value(string name, int generation)
    {
        var line = $"{name} generation {generation:D6} ";
        var builder = new StringBuilder(Size + line.Length);
        while (builder.Length < Size)
        {
            builder.Append(line).Append('\n');
        }

        return builder.ToString();
    }

    private static string Hash(string value) => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static bool Complete(TempWorkspace workspace, string name, HashSet<string> written)
    {
        var path = workspace.OutputFile(name);
        if (!File.Exists(path))
        {
            return false;
        }

        var text = File.ReadAllText(path);
        lock (written)
        {
            return written.Contains(Hash(text));
        }
    }
}
