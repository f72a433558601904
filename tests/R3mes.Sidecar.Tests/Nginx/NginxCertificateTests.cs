using Xunit.Abstractions;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Vault;

namespace R3mes.Sidecar.Tests.Nginx;

/// <summary>
/// Issue 4, acceptance: real Nginx serves HTTPS from the sidecar's files, certificates from the emulator's PKI with a
/// 20 s TTL. Each re-issue is written, <c>nginx -s reload</c> runs, the served serial changes, the master pid stays
/// (reload, not restart), and no TLS handshake fails. The sidecar is started as <c>once</c> then <c>run</c>: the
/// certificate kept in state_dir is reused, not issued again.
/// </summary>
public sealed class NginxCertificateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Run_ShortLivedCertificates_NginxReloadsEachNewSerialWithoutAFailedHandshake()
    {
        await using var vault = await VaultSetup.StartAsync();
        vault.EnablePki();
        await VaultSetup.RootWriteAsync(vault, "pki/roles/nginx", new JsonObject
        {
            ["allowed_domains"] = "localhost",
            ["allow_localhost"] = true,
            ["allow_ip_sans"] = true,
            ["ttl"] = "20s",
            ["max_ttl"] = "1h",
        });
        vault.SetPolicy("tls", new Dictionary<string, string[]> { ["pki/issue/nginx"] = ["update"] });
        var role = vault.AddAppRole("approle", "nginx", TimeSpan.FromMinutes(20), policies: ["tls"]);
        using var workspace = new TempWorkspace();
        var certificate = workspace.OutputFile("ssl_certificate");
        var key = workspace.OutputFile("ssl_private_key");

        // once (the init step) issues the first certificate; Nginx starts on it.
        var configText = (string reload) => $$$"""
            output: { dir: out }
            state_dir: state
            vault:
              address: {{{vault.Address}}}
              auth: {{{VaultSetup.AppRoleAuth(workspace, vault, role, wrapped: false)}}}
            secrets:
              - name: tls
                source: { vault: pki/issue/nginx, params: { common_name: localhost, ip_sans: 127.0.0.1, ttl: 20s } }
                files:
                  ssl_certificate: "{{ certificate }}\n{{ issuing_ca }}"
                  ssl_private_key: "{{ private_key }}"
                on_change: [nginx]
            actions:
              nginx: { command: {{{reload}}}, timeout: 10s, wait: { min: 100ms, max: 1s } }
            """;
        var once = await SidecarProcess.RunAsync("once", "-c", workspace.WriteConfig(configText("[/bin/true]")));
        Assert.True(once.ExitCode == 0, once.Transcript);
        await using var nginx = await NginxServer.StartAsync(certificate, key);
        var master = nginx.MasterPid;
        var reload = "[" + string.Join(", ", nginx.ReloadCommand.Select(a => $"'{a}'")) + "]";
        await using var poller = new HandshakePoller(nginx);
        await Eventually.Until(() => poller.Serials.Count == 1, TimeSpan.FromSeconds(5), () => nginx.ErrorLog);

        using var run = SidecarProcess.Start(["run", "-c", workspace.WriteConfig(configText(reload))]);
        await run.WaitForOutputAsync("reusing certificate serial");
        await Eventually.Until(() => poller.Serials.Count >= 4 && poller.Handshakes > 100, TimeSpan.FromSeconds(45), () => $"{poller.Serials.Count} serials\n{run.Transcript}\n{nginx.ErrorLog}");
        await Eventually.Quiet(TimeSpan.FromSeconds(1));

        output.WriteLine($"{poller.Handshakes} handshakes, {poller.Failures.Count} failed, {poller.Serials.Count} serials served, {vault.IssuedSerials.Count} issued");
        Assert.Empty(poller.Failures);
        Assert.False(nginx.HasExited);
        Assert.Equal(master, nginx.MasterPid);
        Assert.Equal(master.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(nginx.PidFile).Trim());
        var issued = vault.IssuedSerials.Select(s => s.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant().TrimStart('0')).ToArray();
        Assert.All(poller.Serials, s => Assert.Contains(s.TrimStart('0'), issued));
        Assert.True(poller.Handshakes > 100, $"only {poller.Handshakes} handshakes");
        Assert.Equal(1, run.CountLines("reusing certificate serial"));
        var privateKey = File.ReadAllText(key).Split('\n')[1];
        Assert.DoesNotContain(privateKey, run.Transcript + once.Transcript, StringComparison.Ordinal);
    }
}
