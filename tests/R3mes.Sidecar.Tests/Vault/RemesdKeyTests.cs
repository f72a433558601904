using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// CONTRACT §1/§5, issue 4 item 5: the remesd validator and node keys come from Vault KV with <c>update: never</c>, mode
/// 0400 and the node's uid. Written once; a different value in Vault later is reported (log and metric) and never
/// written or signalled — overwriting a running validator's key risks a double sign.
/// </summary>
public sealed class RemesdKeyTests
{
    [Fact]
    public async Task Run_ValidatorKeyChangedInVault_FileKeptNoActionLoggedAndCounted()
    {
        await using var vault = await VaultSetup.StartAsync();
        vault.WriteKv(VaultSetup.Mount, "r3mes/remesd", new Dictionary<string, string>
        {
            ["priv_validator_key"] = "{\"address\":\"A1\",\"priv_key\":\"key-one\"}",
            ["node_key"] = "{\"priv_key\":\"node-one\"}",
        });
        var role = VaultSetup.AddRole(vault);
        using var workspace = new TempWorkspace();
        var notifyLog = workspace.PathOf("notify.log");
        var port = FreePort.Next();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            listen: 127.0.0.1:{{port}}
            vault:
              address: {{vault.Address}}
              auth: {{VaultSetup.AppRoleAuth(workspace, vault, role)}}
            secrets:
              - name: remesd
                source: { vault: secret/r3mes/remesd }
                files:
                  validator_key: { key: priv_validator_key, mode: "0400", uid: 1025, gid: 1025 }
                  node_key: { key: node_key, mode: "0400", uid: 1025, gid: 1025 }
                update: never
                refresh: 1s
                on_change: [remesd]
            actions:
              remesd: { command: [/bin/sh, -c, 'echo run >> "{{notifyLog}}"'], wait: { min: 100ms, max: 500ms } }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);
        await Eventually.Until(() => File.Exists(workspace.OutputFile("validator_key")), Eventually.DefaultTimeout, () => run.Transcript);
        var before = FileStatus.Of(workspace.OutputFile("validator_key"));
        Assert.Equal("{\"address\":\"A1\",\"priv_key\":\"key-one\"}", workspace.ReadOutput("validator_key"));
        Assert.Equal("400", before.Mode);
        Assert.Equal("1025:1025", before.Owner);

        vault.WriteKv(VaultSetup.Mount, "r3mes/remesd", new Dictionary<string, string>
        {
            ["priv_validator_key"] = "{\"address\":\"A1\",\"priv_key\":\"key-two\"}",
            ["node_key"] = "{\"priv_key\":\"node-one\"}",
        });
        await run.WaitForOutputAsync("validator_key differs from secret remesd but has update: never");

        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));
        // The series exists at 0 from the start (metrics convention): the count must have moved.
        Assert.Matches("r3mes_sidecar_file_writes_total\\{outcome=\"kept_existing\",secret=\"remesd\"\\} [1-9]", metrics);
        Assert.Equal("{\"address\":\"A1\",\"priv_key\":\"key-one\"}", workspace.ReadOutput("validator_key"));
        var after = FileStatus.Of(workspace.OutputFile("validator_key"));
        Assert.Equal((before.Inode, before.ModifiedNanoseconds), (after.Inode, after.ModifiedNanoseconds));
        Assert.DoesNotContain("key-two", run.Transcript, StringComparison.Ordinal);
        await Eventually.Quiet(TimeSpan.FromSeconds(1));
        Assert.False(File.Exists(notifyLog), "the first write created the file (no action) and the refused change must not run it:\n" + run.Transcript);
    }
}
