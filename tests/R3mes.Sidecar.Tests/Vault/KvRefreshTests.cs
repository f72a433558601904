using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// CONTRACT §4/§6, README "Vault": a KV v2 secret is re-checked every <c>refresh</c> through the cheap metadata probe
/// (<c>current_version</c>); the data is read only when the version moved. A new version reaches the files within
/// about one interval and runs the secret's action once; unchanged files at start run nothing.
/// </summary>
public sealed class KvRefreshTests
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WaitMax = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Run_NewKvVersion_ReachesTheFilesWithinAboutOneRefreshAndRunsTheActionOnce_DataReadOncePerVersion()
    {
        await using var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, "jwt-v1", "api-v1");
        var role = VaultSetup.AddRole(vault);
        using var workspace = new TempWorkspace();
        // The files already hold version 1 (a restarted sidecar): rendering them again must not run the action.
        foreach (var (name, value) in new[] { ("jwt_secret", "jwt-v1"), ("api_secret_key", "api-v1") })
        {
            File.WriteAllText(workspace.OutputFile(name), value);
            File.SetUnixFileMode(workspace.OutputFile(name), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var notifyLog = workspace.PathOf("notify.log");
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            vault:
              address: {{vault.Address}}
              auth: {{VaultSetup.AppRoleAuth(workspace, vault, role)}}
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {}, api_secret_key: {} }
                refresh: 1s
                on_change: [notify]
            actions:
              notify: { command: [/bin/sh, -c, 'echo run >> "{{notifyLog}}"'], wait: { min: 200ms, max: 1s } }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config]);

        // Several refresh intervals on version 1: the metadata is probed each time, the data was read once.
        await Eventually.Until(() => vault.Count("GET", VaultSetup.MetadataPath) >= 4, Eventually.DefaultTimeout, () => run.Transcript + VaultSetup.Describe(vault));
        Assert.Equal(1, vault.Count("GET", VaultSetup.DataPath));
        await Eventually.Quiet(2 * WaitMax);
        Assert.False(File.Exists(notifyLog), "unchanged files ran the action:\n" + run.Transcript);

        VaultSetup.WriteApp(vault, "jwt-v2", "api-v2");
        var written = TimeProvider.System.GetTimestamp();
        await Eventually.Until(
            () => workspace.ReadOutput("jwt_secret") == "jwt-v2" && workspace.ReadOutput("api_secret_key") == "api-v2",
            3 * Refresh,
            () => run.Transcript);
        var reached = TimeProvider.System.GetElapsedTime(written);

        await Eventually.Quiet(2 * WaitMax);
        Assert.Equal(["run"], File.ReadAllLines(notifyLog));

        // More intervals on version 2: still one data read per version.
        var probes = vault.Count("GET", VaultSetup.MetadataPath);
        await Eventually.Until(() => vault.Count("GET", VaultSetup.MetadataPath) >= probes + 3, Eventually.DefaultTimeout, () => VaultSetup.Describe(vault));
        Assert.True(vault.Count("GET", VaultSetup.DataPath) == 2, $"reached the files after {reached.TotalMilliseconds:0} ms\n{VaultSetup.Describe(vault)}");
        Assert.Equal(1, vault.Count("GET", "/v1/sys/internal/ui/mounts/secret/r3mes/app"));
        Assert.DoesNotContain(vault.Requests, r => r.Status != 200 && r.Status != 204);
        Assert.Equal(["run"], File.ReadAllLines(notifyLog));
    }
}
