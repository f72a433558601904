using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Cli;

/// <summary>
/// Bad options of the lease, PKI and AWS sources and of the aws: section: <c>check</c> exits 2 and names the key and
/// the fix, without contacting a backend, and never repeats a value that may be a secret.
/// </summary>
public sealed class CheckLeaseAndAwsOptionsTests
{
    [Theory]
    [InlineData("{ vault: database/creds/app, rotate_at: 2 }", "secrets[0].source.rotate_at", "'2' is not a fraction of the lifetime")]
    [InlineData("{ vault: database/creds/app, revoke_grace: soon }", "secrets[0].source.revoke_grace", "'soon' is not a duration")]
    [InlineData("{ vault: pki/issue/web, renew_at: 0.01 }", "secrets[0].source.renew_at", "'0.01' is not a fraction of the lifetime")]
    [InlineData("{ vault: pki/issue/web, params: common_name }", "secrets[0].source.params", "params is a map of request fields")]
    [InlineData("{ vault: pki/issue/web, params: [a, b] }", "secrets[0].source.params", "params is a map of request fields")]
    [InlineData("{ vault: database/creds/app, rotate: 0.8 }", "secrets[0].source.rotate", "unknown key 'rotate'")]
    public async Task Check_BadVaultSourceOption_ExitsTwoAndNamesTheKey(string source, string path, string message)
    {
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            vault: { address: "http://127.0.0.1:8200", auth: { method: token, token_file: token } }
            secrets:
              - name: app
                source: {{source}}
                files: { username: {} }
            """);

        await AssertRefusedAsync(config, path, message, []);
    }

    [Theory]
    [InlineData("{ region: us-east-1 }", "{ aws: r3mes/db, version_stage: AWSCURRENT, version_id: 0123456789abcdef0123456789abcdef }", "secrets[0].source.version_id", "set version_stage or version_id, not both")]
    [InlineData("{ region: us-east-1 }", "{ aws: r3mes/db, version_id: short }", "secrets[0].source.version_id", "not a staging label")]
    [InlineData("{ region: US East }", "{ aws: r3mes/db }", "aws.region", "'US East' is not an AWS region name")]
    [InlineData("{ endpoint: \"http://127.0.0.1:4566\" }", "{ aws: r3mes/db }", "aws.region", "set the region")]
    [InlineData("{ region: us-east-1, agent: { listen: localhost } }", "{ aws: r3mes/db }", "aws.agent.listen", "'localhost' is not host:port: e.g. listen: 127.0.0.1:2773")]
    [InlineData("{ region: us-east-1, agent: { token: CANARY-pasted-token-77 } }", "{ aws: r3mes/db }", "aws.agent.token", "is not a token source")]
    public async Task Check_BadAwsOption_ExitsTwoAndNamesTheKey(string aws, string source, string path, string message)
    {
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            aws: {{aws}}
            secrets:
              - name: app
                source: {{source}}
                files: { password: {} }
            """);

        var check = await AssertRefusedAsync(config, path, message, ["AWS_REGION", "AWS_DEFAULT_REGION"]);

        Assert.DoesNotContain("CANARY-pasted-token-77", check.Transcript, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_AwsSourceWithoutAnAwsSection_SaysWhatToAdd()
    {
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - name: app
                source: { aws: r3mes/db }
                files: { password: {} }
            """);

        await AssertRefusedAsync(config, "secrets[0].source.aws", "needs an aws: section with the region", []);
    }

    private static async Task<SidecarProcess> AssertRefusedAsync(string config, string path, string message, string[] unset)
    {
        var check = SidecarProcess.Start(["check", "-c", config], unset.ToDictionary(n => n, _ => (string?)null));
        Assert.Equal(2, await check.WaitForExitAsync(SidecarProcess.ExitTimeout));
        Assert.Contains(check.Stderr.Split('\n'), line => line.StartsWith($"{path}: ", StringComparison.Ordinal) && line.Contains(message, StringComparison.Ordinal));
        Assert.Equal("", check.Stdout);
        return check;
    }
}
