using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// Issue 9 item 7, end to end: the certificate kept in state_dir is reused by the next start only while the secret
/// asks for the same thing. A new <c>common_name</c> in <c>params</c> issues a new certificate, which is written.
/// </summary>
public sealed class PkiStateDirTests
{
    [Fact]
    public async Task Once_AfterParamsChanged_IssuesANewCertificateInsteadOfReusingTheKeptOne()
    {
        await using var vault = await VaultSetup.StartAsync();
        vault.EnablePki();
        await VaultSetup.RootWriteAsync(vault, "pki/roles/web", new JsonObject
        {
            ["allowed_domains"] = "example.test",
            ["allow_subdomains"] = true,
            ["ttl"] = "1h",
            ["max_ttl"] = "2h",
        });
        vault.SetPolicy("tls", new Dictionary<string, string[]> { ["pki/issue/web"] = ["update"] });
        var role = vault.AddAppRole("approle", "web", TimeSpan.FromMinutes(20), policies: ["tls"]);
        using var workspace = new TempWorkspace();
        var auth = VaultSetup.AppRoleAuth(workspace, vault, role, wrapped: false);
        string Config(string commonName) => workspace.WriteConfig($$$"""
            output: { dir: out }
            state_dir: state
            vault: { address: {{{vault.Address}}}, auth: {{{auth}}} }
            secrets:
              - name: tls
                source: { vault: pki/issue/web, params: { common_name: {{{commonName}}} } }
                files: { tls_certificate: "{{ certificate }}", tls_key: "{{ private_key }}" }
            """);

        var first = await SidecarProcess.RunAsync("once", "-c", Config("a.example.test"));
        Assert.True(first.ExitCode == 0, first.Transcript);
        var same = await SidecarProcess.RunAsync("once", "-c", Config("a.example.test"));
        Assert.True(same.ExitCode == 0, same.Transcript);
        Assert.Equal(1, same.CountLines("reusing certificate serial"));
        Assert.Single(vault.IssuedSerials);
        Assert.Equal("CN=a.example.test", Subject(workspace));

        var changed = await SidecarProcess.RunAsync("once", "-c", Config("b.example.test"));

        Assert.True(changed.ExitCode == 0, changed.Transcript);
        Assert.Equal(0, changed.CountLines("reusing certificate serial"));
        Assert.Equal(1, changed.CountLines("issued for another request"));
        Assert.Equal(2, vault.IssuedSerials.Count);
        Assert.Equal("CN=b.example.test", Subject(workspace));
        Assert.DoesNotContain("example.test", File.ReadAllText(workspace.PathOf("state/pki-tls.json")), StringComparison.Ordinal);
    }

    private static string Subject(TempWorkspace workspace)
    {
        using var certificate = X509Certificate2.CreateFromPem(workspace.ReadOutput("tls_certificate"));
        return certificate.Subject;
    }
}
