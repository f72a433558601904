using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Kubernetes;

/// <summary>
/// <c>check</c> on the kubernetes source and the <c>kubernetes:</c> section: a bad namespace, name or URL exits 2
/// naming the key and the rule; a good configuration passes outside a cluster (no variable, no token file), because
/// nothing is read before the first fetch.
/// </summary>
public sealed class CheckKubernetesOptionsTests
{
    [Theory]
    [InlineData("{ kubernetes: R3mes/app }", "", "secrets[0].source.kubernetes", "'R3mes' is not a namespace name")]
    [InlineData("{ kubernetes: r3mes/App_Secret }", "", "secrets[0].source.kubernetes", "'App_Secret' is not a Secret name")]
    [InlineData("{ kubernetes: r3mes/app/extra }", "", "secrets[0].source.kubernetes", "is not namespace/name")]
    [InlineData("{ kubernetes: \"\" }", "", "secrets[0].source.kubernetes", "is not a Secret name")]
    [InlineData("{ kubernetes: -ns/app }", "", "secrets[0].source.kubernetes", "'-ns' is not a namespace name")]
    [InlineData("{ kubernetes: r3mes/app, namespace: other }", "", "secrets[0].source.namespace", "unknown key 'namespace'")]
    [InlineData("{ kubernetes: r3mes/app }", "kubernetes: { api_server: \"ftp://10.0.0.1\" }", "kubernetes.api_server", "'ftp://10.0.0.1' is not an API server URL")]
    [InlineData("{ kubernetes: r3mes/app }", "kubernetes: { api_server: \"https://10.0.0.1?x=1\" }", "kubernetes.api_server", "is not an API server URL")]
    [InlineData("{ kubernetes: r3mes/app }", "kubernetes: { token: abc }", "kubernetes.token", "unknown key 'token'")]
    [InlineData("{ kubernetes: r3mes/app }", "kubernetes: { token_file: \" \" }", "kubernetes.token_file", "is not a file path")]
    public async Task Check_BadKubernetesOption_ExitsTwoAndNamesTheKey(string source, string section, string path, string message)
    {
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            {{section}}
            secrets:
              - name: app
                source: {{source}}
                files: { password: {} }
            """);

        var check = SidecarProcess.Start(["check", "-c", config], KubernetesSetup.NoCluster());
        Assert.Equal(2, await check.WaitForExitAsync(SidecarProcess.ExitTimeout));
        Assert.Contains(check.Stderr.Split('\n'), line => line.StartsWith($"{path}: ", StringComparison.Ordinal) && line.Contains(message, StringComparison.Ordinal));
        Assert.Equal("", check.Stdout);
    }

    [Fact]
    public async Task Check_KubernetesSourceOutsideACluster_PassesAndPrintsTheSecret()
    {
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig("""
            output: { dir: out }
            secrets:
              - name: app
                source: { kubernetes: r3mes/app-secrets, key: password }
                files: { password: {} }
              - name: own
                source: { kubernetes: tls.r3mes.io }
                files: { tls_key: { key: tls.key } }
            """);

        var check = SidecarProcess.Start(["check", "-c", config], KubernetesSetup.NoCluster());
        Assert.Equal(0, await check.WaitForExitAsync(SidecarProcess.ExitTimeout));
        Assert.Contains("secret app: kubernetes r3mes/app-secrets key password, refresh 5m", check.Stdout, StringComparison.Ordinal);
        Assert.Contains("secret own: kubernetes (pod namespace)/tls.r3mes.io", check.Stdout, StringComparison.Ordinal);
    }
}
