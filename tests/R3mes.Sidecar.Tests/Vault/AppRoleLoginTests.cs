using System.Text;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// AppRole with a response-wrapped secret_id (README "Vault", auth methods): the wrapping token is looked up first
/// (its <c>creation_path</c> must be <c>auth/approle/role/&lt;name&gt;/secret-id</c>), unwrapped once, and the
/// secret_id logs in; KV v2 fields become 0600 files with exactly the stored bytes.
/// </summary>
public sealed class AppRoleLoginTests
{
    private const string JwtSecret = "jwt-\u00e9t\u00e9-7c1d\n  with newline and spaces ";
    private const string ApiSecretKey = "api-key-0f9e";

    [Fact]
    public async Task Once_WithAWrappedSecretId_LooksUpUnwrapsOnceLogsInAndWritesExactBytesAs0600()
    {
        await using var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, JwtSecret, ApiSecretKey);
        var role = VaultSetup.AddRole(vault);
        using var workspace = new TempWorkspace();
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            log: { level: debug }
            retry_budget: 5s
            vault:
              address: {{vault.Address}}
              auth: {{VaultSetup.AppRoleAuth(workspace, vault, role)}}
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {}, api_secret_key: {} }
            """);

        using var once = await SidecarProcess.RunAsync("once", "-c", config);

        Assert.True(once.ExitCode == 0, once.Transcript);
        Assert.Equal(Encoding.UTF8.GetBytes(JwtSecret), File.ReadAllBytes(workspace.OutputFile("jwt_secret")));
        Assert.Equal(Encoding.UTF8.GetBytes(ApiSecretKey), File.ReadAllBytes(workspace.OutputFile("api_secret_key")));
        Assert.Equal("600", FileStatus.Of(workspace.OutputFile("jwt_secret")).Mode);
        Assert.Equal("600", FileStatus.Of(workspace.OutputFile("api_secret_key")).Mode);

        var log = vault.Requests.ToList();
        var lookup = log.FindIndex(r => r.Path == VaultSetup.LookupPath);
        var unwrap = log.FindIndex(r => r.Path == VaultSetup.UnwrapPath);
        var login = log.FindIndex(r => r.Path == VaultSetup.LoginPath);
        var read = log.FindIndex(r => r.Path == VaultSetup.DataPath);
        Assert.True(lookup >= 0 && lookup < unwrap && unwrap < login && login < read, VaultSetup.Describe(vault));
        Assert.Equal(1, VaultSetup.Count(vault, VaultSetup.LookupPath));
        Assert.Equal(1, VaultSetup.Count(vault, VaultSetup.UnwrapPath));
        Assert.Equal(1, VaultSetup.Count(vault, VaultSetup.LoginPath));
        Assert.All(new[] { log[lookup], log[unwrap], log[login], log[read] }, r => Assert.Equal(200, r.Status));
        // The data was read with the token the login returned, and the log names it by accessor.
        Assert.Equal([log[read].Accessor!], VaultSetup.LoggedAccessors(once));
    }

    [Fact]
    public async Task Once_WithASecretIdWrappedElsewhere_RefusesToUnwrapItAndExits1()
    {
        await using var vault = await VaultSetup.StartAsync();
        VaultSetup.WriteApp(vault, JwtSecret, ApiSecretKey);
        var role = VaultSetup.AddRole(vault);
        using var workspace = new TempWorkspace();
        VaultSetup.AppRoleAuth(workspace, vault, role);
        // A wrapping token minted by some other endpoint (e.g. sys/wrapping/wrap by whoever could write the file).
        File.WriteAllText(workspace.PathOf("secret-id"), vault.WrapSecretId(role, TimeSpan.FromMinutes(5), creationPath: "sys/wrapping/wrap"));
        var config = workspace.WriteConfig($$"""
            output: { dir: out }
            retry_budget: 5s   # the budget bounds the first attempt too: room for a cold start on a busy machine
            vault:
              address: {{vault.Address}}
              auth: { method: approle, role_id_file: role-id, secret_id_file: secret-id, secret_id_wrapped: true }
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {} }
            """);

        using var once = await SidecarProcess.RunAsync("once", "-c", config);

        Assert.True(once.ExitCode == 1, once.Transcript);
        Assert.Contains("refusing to unwrap", once.Stderr, StringComparison.Ordinal);
        Assert.True(VaultSetup.Count(vault, VaultSetup.LookupPath) >= 1, VaultSetup.Describe(vault));
        Assert.Equal(0, VaultSetup.Count(vault, VaultSetup.UnwrapPath));
        Assert.Equal(0, VaultSetup.Count(vault, VaultSetup.LoginPath));
        Assert.False(File.Exists(workspace.OutputFile("jwt_secret")));
    }
}
