using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Vault.Emulator;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// One emulator and one <c>run</c> with <c>vault.proxy</c>, shared by <see cref="VaultProxyTests"/> (its tests run one
/// after another). Refresh is an hour, so after start the sidecar sends nothing on its own for the tests' duration
/// and every request the emulator logs later came through the proxy.
/// </summary>
public sealed class VaultProxyFixture : IAsyncLifetime
{
    public const string JwtSecret = "jwt-through-the-proxy";

    private readonly TempWorkspace _workspace = new();

    internal VaultEmulator Vault { get; private set; } = null!;

    internal SidecarProcess Sidecar { get; private set; } = null!;

    internal int ProxyPort { get; } = FreePort.Next();

    /// <summary>The accessor of the sidecar's token, from its log.</summary>
    internal string Accessor { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(Vault, JwtSecret, "api-through-the-proxy");
        var role = VaultSetup.AddRole(Vault);
        var config = _workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            vault:
              address: {{Vault.Address}}
              auth: {{VaultSetup.AppRoleAuth(_workspace, Vault, role)}}
              proxy: { listen: 127.0.0.1:{{ProxyPort}} }
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {} }
                refresh: 1h
            """);
        Sidecar = SidecarProcess.Start(["run", "-c", config]);
        await Sidecar.WaitForOutputAsync("wrote jwt_secret");
        Accessor = Assert.Single(VaultSetup.LoggedAccessors(Sidecar));
    }

    public async Task DisposeAsync()
    {
        Sidecar.Dispose();
        await Vault.DisposeAsync();
        _workspace.Dispose();
    }
}
