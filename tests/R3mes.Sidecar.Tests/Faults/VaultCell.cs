using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;
using R3mes.Sidecar.Tests.Vault;
using R3mes.Sidecar.Vault.Emulator;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// A matrix cell on Vault KV v2: <c>secret/r3mes/app</c> rendered into <c>jwt_secret</c> and <c>api_secret_key</c>,
/// refreshed every second, AppRole login (an unwrapped secret_id, so a second process and a re-login can use it),
/// a 2 s per-attempt timeout so a hung backend costs seconds, not minutes (500 ms let a loaded machine's slow TLS
/// handshake fail as `timeout` in a cell expecting `unreachable`).
/// </summary>
internal static class VaultCell
{
    /// <param name="address">Where the sidecar finds Vault: the emulator itself, or a proxy or name in front of it.</param>
    /// <param name="tls">A <c>tls: {…}</c> mapping for the <c>vault:</c> section, or empty.</param>
    public static async Task<FaultCell> StartAsync(TempWorkspace workspace, VaultEmulator vault, Uri address, string tls = "", IReadOnlyList<string>? launcher = null)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var first = new Dictionary<string, string> { ["jwt_secret"] = $"jwt-first-{id}", ["api_secret_key"] = $"api-first-{id}" };
        var next = new Dictionary<string, string> { ["jwt_secret"] = $"jwt-next-{id}", ["api_secret_key"] = $"api-next-{id}" };
        VaultSetup.WriteApp(vault, first["jwt_secret"], first["api_secret_key"]);
        var auth = VaultSetup.AppRoleAuth(workspace, vault, VaultSetup.AddRole(vault), wrapped: false);
        var port = FreePort.Next();
        string Config(string dir, string listen) => $$"""
            output: { dir: {{dir}} }
            log: { level: debug }
            retry_budget: 3s
            {{listen}}
            vault:
              address: {{address}}
              timeout: 2s
              auth: {{auth}}
              {{tls}}
            secrets:
              - name: {{FaultCell.Secret}}
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {}, api_secret_key: {} }
                refresh: 1s
            """;
        Directory.CreateDirectory(workspace.PathOf("out-once"));
        var config = workspace.WriteConfig(Config("out", $"listen: 127.0.0.1:{port}"));
        var cell = new FaultCell
        {
            Workspace = workspace,
            Run = SidecarProcess.Start(["run", "-c", config], launcher: launcher),
            Endpoints = new LocalEndpoints(port),
            Backend = "vault",
            First = first,
            Next = next,
            PublishAsync = () =>
            {
                VaultSetup.WriteApp(vault, next["jwt_secret"], next["api_secret_key"]);
                return Task.CompletedTask;
            },
            OnceConfig = workspace.WriteConfig(Config("out-once", ""), "once.yaml"),
            OnceOutput = workspace.PathOf("out-once"),
        };
        await Eventually.Until(() => cell.Holds(first), Eventually.DefaultTimeout, () => "first render:\n" + cell.Describe());
        await Eventually.Until(async () => (string?)(await cell.Endpoints.SecretAsync(FaultCell.Secret))["state"] == "ok", Eventually.DefaultTimeout, cell.Describe);
        return cell;
    }
}
