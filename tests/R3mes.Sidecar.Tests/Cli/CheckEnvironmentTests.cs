using System.Diagnostics;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Cli;

/// <summary>
/// Issue 9 item 7: <c>check</c> reports what <c>run</c> would refuse here — a missing output directory, a required
/// tmpfs that is not one, a uid/gid this process cannot apply (non-root without CAP_CHOWN: the tests run as root,
/// so that case drops to uid/gid 65534 with <c>setpriv</c>) — and <c>run</c>'s refusal says how to fix it.
/// </summary>
public sealed class CheckEnvironmentTests
{
    private const int Nobody = 65534;

    [Fact]
    public async Task Check_OutputDirectoryMissing_ExitsTwoNamingOutputDir()
    {
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig(Config("{ dir: missing }"));

        using var check = await SidecarProcess.RunAsync("check", "-c", config);

        Assert.True(check.ExitCode == 2, check.Transcript);
        Assert.Contains($"output.dir: output directory {workspace.PathOf("missing")} does not exist: create it (a tmpfs volume) or fix output.dir", check.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("configuration OK", check.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DirectoryOnDisk_WarnsOrRefusesWhenTmpfsIsRequired()
    {
        using var workspace = new TempWorkspace();
        var disk = new[] { workspace.Output, Path.Combine(AppContext.BaseDirectory, "not-tmpfs-out") }.FirstOrDefault(d => !IsTmpfs(d))
            ?? throw new InvalidOperationException("neither /tmp nor the test's own directory is on a disk filesystem: this test needs one");
        Directory.CreateDirectory(disk);

        using var warned = await SidecarProcess.RunAsync("check", "-c", workspace.WriteConfig(Config($"{{ dir: '{disk}' }}")));
        using var refused = await SidecarProcess.RunAsync("check", "-c", workspace.WriteConfig(Config($"{{ dir: '{disk}', require_tmpfs: true }}"), "strict.yaml"));

        Assert.True(warned.ExitCode == 0, warned.Transcript);
        Assert.Contains($"warning: output.dir: {disk} is not tmpfs: secrets may reach a disk", warned.Stdout, StringComparison.Ordinal);
        Assert.True(refused.ExitCode == 2, refused.Transcript);
        Assert.Contains($"output.dir: {disk} is not tmpfs and output.require_tmpfs is set", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AsNonRootWithAnotherUid_ExitsTwoWithTheFix()
    {
        using var workspace = SharedWorkspace();
        var config = workspace.WriteConfig(Config("{ dir: out, uid: 1000, gid: 1000 }"));
        Share(config);

        var (code, stdout, stderr) = await RunAsNobodyAsync("check", "-c", config);

        Assert.True(code == 2, stdout + stderr);
        Assert.Contains("output.uid: 1000 cannot be applied: the sidecar runs as uid 65534 without CAP_CHOWN", stderr, StringComparison.Ordinal);
        Assert.Contains("run the sidecar as uid 1000 (Kubernetes securityContext.runAsUser, Compose user:), add the CHOWN capability, or remove uid", stderr, StringComparison.Ordinal);
        Assert.Contains("output.gid: 1000 cannot be applied: the sidecar (gid 65534) is not in group 1000 and has no CAP_CHOWN", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AsNonRootWithItsOwnIds_Passes()
    {
        using var workspace = SharedWorkspace();
        var config = workspace.WriteConfig(Config($"{{ dir: out, uid: {Nobody}, gid: {Nobody} }}"));
        Share(config);

        var (code, stdout, stderr) = await RunAsNobodyAsync("check", "-c", config);

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("configuration OK", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AsNonRootWithAnotherUid_RefusesToStartWithTheFix()
    {
        using var workspace = SharedWorkspace();
        var config = workspace.WriteConfig(Config("{ dir: out, uid: 1000 }"));
        Share(config);

        var (code, stdout, stderr) = await RunAsNobodyAsync("run", "-c", config);

        Assert.True(code == 2, stdout + stderr);
        var last = stderr.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith("r3mes-sidecar: output.uid: 1000 cannot be applied: the sidecar runs as uid 65534 without CAP_CHOWN", last, StringComparison.Ordinal);
        Assert.Contains("or remove uid", last, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(workspace.Output));
    }

    private static string Config(string output) => $$"""
        output: {{output}}
        secrets:
          - name: app
            source: { file: src }
            files: { jwt_secret: {} }
        """;

    /// <summary>A workspace uid 65534 can read (CreateTempSubdirectory makes it 0700).</summary>
    private static TempWorkspace SharedWorkspace()
    {
        Assert.True(Unix.IsRoot, "these tests drop from root to uid 65534 with setpriv; run them as root (test.sh does)");
        var workspace = new TempWorkspace();
        workspace.WriteSource("jwt_secret.txt", "jwt-1");
        foreach (var directory in new[] { workspace.Root, workspace.Source, workspace.Output })
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        }

        Share(Path.Combine(workspace.Source, "jwt_secret.txt"));
        return workspace;
    }

    private static void Share(string file) => File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsNobodyAsync(params string[] args)
    {
        var info = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[$"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "--", SidecarBinary.Path, .. args])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("R3MES_SIDECAR", StringComparison.Ordinal)).ToArray())
        {
            info.Environment.Remove(name);
        }

        info.Environment["HOME"] = "/tmp";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("setpriv did not start (util-linux)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(SidecarProcess.ExitTimeout, TimeProvider.System);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"r3mes-sidecar as uid {Nobody} did not exit within {SidecarProcess.ExitTimeout.TotalSeconds:0}s; stderr:\n{await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    private static bool IsTmpfs(string path)
    {
        var mounts = File.ReadAllLines("/proc/self/mounts").Select(l => l.Split(' ')).Where(p => p.Length > 2)
            .OrderByDescending(p => p[1].Length);
        var mount = mounts.First(p => path.StartsWith(p[1].TrimEnd('/') + "/", StringComparison.Ordinal) || path == p[1] || p[1] == "/");
        return mount[2] is "tmpfs" or "ramfs";
    }
}
