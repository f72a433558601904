using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Files;

/// <summary>
/// Another process has used up the user's inotify instances (10 pods of 13 secrets as one uid do it): the
/// sidecar still starts — web host included — renders every secret, follows changes by polling, and says so in
/// one error line.
/// </summary>
public sealed class InotifyExhaustedTests
{
    /// <summary>A uid nothing else on the machine uses, so using up its instances starves no one.</summary>
    private const uint SpareUid = 47119;

    [Fact]
    public async Task Run_NoInotifyInstanceLeft_StartsRendersAndFollowsChangesByPollingWithOneError()
    {
        Assert.True(Unix.IsRoot, "this test must run as root (as CI does) to run the sidecar as a spare uid");
        using var workspace = new TempWorkspace();
        workspace.WriteSource("a/jwt_secret.txt", "jwt-1");
        workspace.WriteSource("b/redis_password.txt", "redis-1");
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            listen: 127.0.0.1:{{port}}
            secrets:
              - { name: jwt, source: { file: src/a }, files: { jwt_secret: {} }, refresh: 1h }
              - { name: redis, source: { file: src/b/redis_password.txt }, files: { redis_password: {} }, refresh: 1h }
            """);
        Unix.ChownTree(workspace.Root, SpareUid, SpareUid);
        using var exhaustion = InotifyExhaustion.For(SpareUid);
        Assert.True(exhaustion.Held > 0, "no inotify instance could be taken for the spare uid");

        using var run = SidecarProcess.StartAs(SpareUid, ["run", "-c", config], new Dictionary<string, string?> { ["HOME"] = workspace.Root });
        await Eventually.Until(
            () => File.Exists(workspace.OutputFile("jwt_secret")) && File.Exists(workspace.OutputFile("redis_password")),
            Eventually.DefaultTimeout,
            () => run.Transcript);
        workspace.WriteSource("a/jwt_secret.txt", "jwt-2");
        workspace.WriteSource("b/redis_password.txt", "redis-2");
        Unix.ChownTree(workspace.Source, SpareUid, SpareUid);

        await Eventually.Until(
            () => workspace.ReadOutput("jwt_secret") == "jwt-2" && workspace.ReadOutput("redis_password") == "redis-2",
            TimeSpan.FromSeconds(10),
            () => run.Transcript);
        Assert.Equal(1, run.CountLines("cannot watch"));
        Assert.Contains("fs.inotify.max_user_instances", run.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Transcript, StringComparison.Ordinal);
        Assert.False(run.HasExited, run.Transcript);
        run.Signal(Unix.SigTerm);
        Assert.Equal(0, await run.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }
}
