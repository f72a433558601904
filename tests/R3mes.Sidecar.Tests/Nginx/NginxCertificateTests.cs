using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Vault;
using Xunit.Abstractions;

namespace R3mes.Sidecar.Tests.Nginx;

/// <summary>
/// Issue 4, acceptance: real Nginx serves HTTPS from the sidecar's files, certificates from the emulator's PKI with a
/// 20 s TTL. Each re-issue is written, <c>nginx -s reload</c> runs, the served serial changes, the master pid stays
/// (reload, not restart), and no TLS handshake fails. The sidecar is started as <c>once</c> then <c>run</c>: the
/// certificate kept in state_dir is reused, not issued again. Issue 9: nothing here waits on a guess of how fast
/// the machine is — Nginx starts first, on a placeholder, and every step waits for its condition.
/// </summary>
public sealed partial class NginxCertificateTests(ITestOutputHelper output)
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

        // Nginx first, on a placeholder pair the test writes: however long it takes to start, no certificate's
        // re-issue point is running meanwhile.
        var placeholder = PlaceholderCertificate.Write(certificate, key);
        await using var nginx = await NginxServer.StartAsync(certificate, key);
        var master = nginx.MasterPid;
        await using var poller = new HandshakePoller(nginx);
        IReadOnlyList<string> Served() => [.. poller.Serials.Where(s => !string.Equals(s, placeholder, StringComparison.Ordinal))];
        var config = workspace.WriteConfig($$$"""
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
              nginx: { command: [{{{string.Join(", ", nginx.ReloadCommand.Select(a => $"'{a}'"))}}}], timeout: 10s, wait: { min: 100ms, max: 1s } }
            """);

        // once (the init step) issues the first certificate, due again at 2/3 of the 20 s after its issue — not 3 s
        // after it, as when counted from Vault's NotBefore, back-dated 30 s. run, started next, reuses it.
        var once = await SidecarProcess.RunAsync("once", "-c", config);
        Assert.True(once.ExitCode == 0, once.Transcript);
        Assert.True(NextIssueSeconds(once.Transcript) >= 7, $"a 20 s certificate is due again too soon:\n{once.Transcript}");
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(() => run.Transcript.Contains("certificate serial", StringComparison.Ordinal), TimeSpan.FromSeconds(30), () => run.Transcript);
        Assert.True(run.CountLines("reusing certificate serial") == 1, $"run did not reuse once's certificate:\n{once.Transcript}\n{run.Transcript}");

        // Nginx loads once's pair (the test reloads it, as a deployment's start script would); every later serial is
        // the sidecar's doing: written, reloaded, served.
        Assert.Equal(0, await nginx.ReloadAsync());
        await Eventually.Until(() => Served().Count >= 3 && poller.Handshakes > 100, TimeSpan.FromSeconds(90),
            () => $"{Served().Count} serials served, {poller.Handshakes} handshakes\n{run.Transcript}\n{nginx.ErrorLog}");
        await Eventually.Quiet(TimeSpan.FromSeconds(1));

        output.WriteLine($"{poller.Handshakes} handshakes, {poller.Failures.Count} failed, {Served().Count} serials served, {vault.IssuedSerials.Count} issued");
        Assert.Empty(poller.Failures);
        Assert.False(nginx.HasExited);
        Assert.Equal(master, nginx.MasterPid);
        Assert.Equal(master.ToString(CultureInfo.InvariantCulture), File.ReadAllText(nginx.PidFile).Trim());
        var issued = vault.IssuedSerials.Select(s => s.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant().TrimStart('0')).ToArray();
        Assert.All(Served(), s => Assert.Contains(s.TrimStart('0'), issued));
        Assert.Equal(1, run.CountLines("reusing certificate serial"));
        var privateKey = File.ReadAllText(key).Split('\n')[1];
        Assert.DoesNotContain(privateKey, run.Transcript + once.Transcript, StringComparison.Ordinal);
    }

    private static int NextIssueSeconds(string transcript) =>
        NextIssue().Match(transcript) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex(@"next issue in (-?\d+)s")]
    private static partial Regex NextIssue();
}
