using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Hosting;

/// <summary>
/// A sidecar with only file secrets never loads OpenSSL: libssl and libcrypto cost 3.6 MiB resident in every idle
/// sidecar when the temporary file names were drawn from RandomNumberGenerator (docs/performance.md, "Findings for
/// the code"). Nothing a file secret does needs them; TLS to a backend loads them when it is used.
/// </summary>
public sealed class FileOnlyFootprintTests
{
    [Fact]
    public async Task Run_WritingAndRewritingFileSecrets_NeverMapsOpenSsl()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSource("app/jwt_secret.txt", "jwt-1");
        workspace.WriteSource("app/api_secret_key.txt", "key-1");
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - name: app
                source: { file: src/app, settle: 20ms }
                files: { jwt_secret: {}, api_secret_key: {} }
            """);

        using var run = SidecarProcess.Start(["run", "-c", config]);
        await run.WaitForOutputAsync("wrote api_secret_key");
        var written = run.Transcript.Length;
        workspace.WriteSource("app/jwt_secret.txt", "jwt-2");
        await run.WaitForOutputAsync("wrote jwt_secret", from: written);

        var maps = File.ReadAllLines($"/proc/{run.Id}/maps");
        Assert.Contains(maps, line => line.Contains("libc.so", StringComparison.Ordinal)); // the maps were read, and are of a live process
        Assert.DoesNotContain(maps, line => line.Contains("libssl", StringComparison.Ordinal) || line.Contains("libcrypto", StringComparison.Ordinal));
    }
}
