using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>
/// Issue 5, acceptance, with the real binary against the AWS emulator: JSON keys become separate files; a rotation
/// (AWSCURRENT moved) reaches the files within one refresh and fires the action once; an unchanged secret costs only
/// DescribeSecret calls; server errors (one request per failed refresh: one retry layer) and an unreachable endpoint leave the files alone and back off, and the
/// sidecar recovers without a restart.
/// </summary>
public sealed class AwsSourceProcessTests
{
    private const string Initial = """{"api_secret_key":"api-1","jwt_secret":"jwt-1"}""";

    [Fact]
    public async Task Run_JsonKeysToFiles_RotationWithinOneRefresh_ActionOnce_UnchangedCostsOnlyDescribe()
    {
        await using var aws = await AwsSetup.StartAsync();
        aws.CreateSecret("r3mes/app", Initial, null);
        using var workspace = new TempWorkspace();
        var notifyLog = workspace.PathOf("notify.log");
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            aws: { region: us-east-1 }
            secrets:
              - name: app
                source: { aws: r3mes/app }
                files: { jwt_secret: { key: jwt_secret }, api_secret_key: { key: api_secret_key } }
                refresh: 1s
                on_change: [notify]
            actions:
              notify: { command: [/bin/sh, -c, 'echo run >> "{{notifyLog}}"'], wait: { min: 100ms, max: 500ms } }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config], AwsSetup.Environment(aws, workspace));
        await Eventually.Until(() => File.Exists(workspace.OutputFile("api_secret_key")) && File.Exists(workspace.OutputFile("jwt_secret")),
            Eventually.DefaultTimeout, () => run.Transcript + AwsSetup.Describe(aws));
        Assert.Equal("jwt-1", workspace.ReadOutput("jwt_secret"));
        Assert.Equal("api-1", workspace.ReadOutput("api_secret_key"));

        await Eventually.Until(() => aws.Count("DescribeSecret") >= 4, Eventually.DefaultTimeout, () => AwsSetup.Describe(aws));
        Assert.Equal(1, aws.Count("GetSecretValue"));

        aws.Rotate("r3mes/app", """{"api_secret_key":"api-2","jwt_secret":"jwt-2"}""");
        var rotated = TimeProvider.System.GetTimestamp();
        await Eventually.Until(() => workspace.ReadOutput("jwt_secret") == "jwt-2" && workspace.ReadOutput("api_secret_key") == "api-2",
            TimeSpan.FromSeconds(3), () => run.Transcript);
        var reached = TimeProvider.System.GetElapsedTime(rotated);
        // The first render created the files (no action: issue 9 item 5); the rotation runs it once.
        await Eventually.Until(() => File.Exists(notifyLog) && File.ReadAllLines(notifyLog).Length == 1, TimeSpan.FromSeconds(3), () => run.Transcript);
        await Eventually.Quiet(TimeSpan.FromSeconds(1.5));

        Assert.Single(File.ReadAllLines(notifyLog));
        Assert.Equal(2, aws.Count("GetSecretValue"));
        Assert.True(reached < TimeSpan.FromSeconds(2.5), $"rotation reached the files after {reached.TotalMilliseconds:0} ms");
        Assert.DoesNotContain("jwt-2", run.Transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(AwsSetup.SecretKey, run.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ServerErrorsThenEndpointDown_OneRequestPerRefreshFailure_FilesUntouched_BacksOff_RecoversWithoutRestart()
    {
        const int Failures = 3;
        const string FailedLine = "refreshing secret redis failed";
        await using var aws = await AwsSetup.StartAsync();
        aws.CreateSecret("r3mes/redis", """{"password":"redis-1"}""", null);
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig("""
            output: { dir: out }
            aws: { region: us-east-1 }
            secrets:
              - name: redis
                source: { aws: r3mes/redis, key: password }
                files: { redis_password: {} }
                refresh: 1s
            """);
        using var run = SidecarProcess.Start(["run", "-c", config], AwsSetup.Environment(aws, workspace));
        await Eventually.Until(() => File.Exists(workspace.OutputFile("redis_password")), Eventually.DefaultTimeout, () => run.Transcript + AwsSetup.Describe(aws));
        var before = FileStatus.Of(workspace.OutputFile("redis_password"));
        await using var poller = CompleteFilesWatch.NotBlank(workspace.OutputFile("redis_password"));

        aws.FailNext(Failures, 500, "InternalServiceError");
        var stormStart = TimeProvider.System.GetTimestamp();
        await Eventually.Until(() => Occurrences(run.Transcript, FailedLine) >= Failures, TimeSpan.FromSeconds(30), () => run.Transcript + AwsSetup.Describe(aws));
        var stormTook = TimeProvider.System.GetElapsedTime(stormStart);
        aws.Rotate("r3mes/redis", """{"password":"redis-2"}""");
        await Eventually.Until(() => workspace.ReadOutput("redis_password") == "redis-2", TimeSpan.FromSeconds(20), () => run.Transcript);

        // One retry layer: each refresh failure is exactly one request the backend saw (the client's own retries
        // used to turn these 3 answers into one absorbed refresh of 4 attempts, and an outage into 4× the load).
        Assert.Equal(Failures, aws.Requests.Count(r => r.Status == 500));
        Assert.Equal(Failures, Occurrences(run.Transcript, FailedLine));
        // The loop backs off between them: 1 s, then 2 s (each ±20%).
        Assert.True(stormTook > TimeSpan.FromSeconds(2), $"{Failures} failed refreshes within {stormTook.TotalSeconds:0.0} s: no backoff");

        await aws.StopListeningAsync();
        await Eventually.Quiet(TimeSpan.FromSeconds(4));
        Assert.Equal("redis-2", workspace.ReadOutput("redis_password"));
        aws.Rotate("r3mes/redis", """{"password":"redis-3"}""");
        await aws.ResumeListeningAsync();
        await Eventually.Until(() => workspace.ReadOutput("redis_password") == "redis-3", TimeSpan.FromSeconds(20), () => run.Transcript);

        Assert.Equal(0, poller.Bad);
        Assert.Contains("InternalServiceError", run.Transcript, StringComparison.Ordinal);
        Assert.NotEqual(before.ModifiedNanoseconds, FileStatus.Of(workspace.OutputFile("redis_password")).ModifiedNanoseconds);
    }

    private static int Occurrences(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
