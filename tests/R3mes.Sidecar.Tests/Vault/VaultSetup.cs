using System.Text.RegularExpressions;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Vault.Emulator;

namespace R3mes.Sidecar.Tests.Vault;

/// <summary>
/// The emulator set up like the README's minimal deployment: KV v2 at <c>secret/</c>, the sidecar's read policy on
/// <c>secret/data/r3mes/*</c> and <c>secret/metadata/r3mes/*</c> (anything else is a real 403), and AppRole
/// credentials in files next to the configuration. Paths as the emulator logs them.
/// </summary>
internal static partial class VaultSetup
{
    public const string Mount = "secret";
    public const string AppPath = "r3mes/app";
    public const string ReadPolicy = "r3mes-read";
    public const string DataPath = "/v1/secret/data/r3mes/app";
    public const string MetadataPath = "/v1/secret/metadata/r3mes/app";
    public const string LoginPath = "/v1/auth/approle/login";
    public const string LookupPath = "/v1/sys/wrapping/lookup";
    public const string UnwrapPath = "/v1/sys/wrapping/unwrap";
    public const string RenewPath = "/v1/auth/token/renew-self";

    public static async Task<VaultEmulator> StartAsync(VaultEmulatorOptions? options = null)
    {
        var vault = await VaultEmulator.StartAsync(options);
        vault.MountKv(Mount, 2);
        vault.SetPolicy(ReadPolicy, new Dictionary<string, string[]>
        {
            ["secret/data/r3mes/*"] = ["read"],
            ["secret/metadata/r3mes/*"] = ["read"],
        });
        return vault;
    }

    /// <summary>Writes a new version of <c>secret/r3mes/app</c>; returns its number.</summary>
    public static int WriteApp(VaultEmulator vault, string jwtSecret, string apiSecretKey) =>
        vault.WriteKv(Mount, AppPath, new Dictionary<string, string> { ["jwt_secret"] = jwtSecret, ["api_secret_key"] = apiSecretKey });

    /// <summary>An AppRole at <c>auth/approle</c> with the read policy.</summary>
    public static AppRole AddRole(VaultEmulator vault, TimeSpan? tokenTtl = null, TimeSpan tokenMaxTtl = default) =>
        vault.AddAppRole("approle", "backend", tokenTtl ?? TimeSpan.FromMinutes(20), tokenMaxTtl, [ReadPolicy]);

    /// <summary>
    /// Writes <c>role-id</c> and <c>secret-id</c> (a response-wrapped secret_id when <paramref name="wrapped"/>) into
    /// the workspace and returns the <c>vault.auth</c> mapping that reads them.
    /// </summary>
    public static string AppRoleAuth(TempWorkspace workspace, VaultEmulator vault, AppRole role, bool wrapped = true)
    {
        File.WriteAllText(workspace.PathOf("role-id"), role.RoleId + "\n");
        var secretId = wrapped ? vault.WrapSecretId(role, TimeSpan.FromMinutes(5)) : vault.NewSecretId(role);
        File.WriteAllText(workspace.PathOf("secret-id"), secretId + "\n");
        return $"{{ method: approle, role_id_file: role-id, secret_id_file: secret-id, secret_id_wrapped: {(wrapped ? "true" : "false")} }}";
    }

    /// <summary>
    /// Writes the configuration most Vault tests run: <c>secret/r3mes/app</c> into <c>jwt_secret</c> and
    /// <c>api_secret_key</c> every <paramref name="refresh"/>, logged in by AppRole; returns its path. Without
    /// <paramref name="log"/> the configuration names no level (the process harness then logs at trace).
    /// </summary>
    public static string WriteAppConfig(TempWorkspace workspace, VaultEmulator vault, AppRole role, string refresh, string? log = null)
    {
        var level = log is null ? "" : "log: { level: " + log + " }";
        return workspace.WriteConfig($$"""
            output: { dir: out }
            {{level}}
            vault:
              address: {{vault.Address}}
              auth: {{AppRoleAuth(workspace, vault, role)}}
            secrets:
              - name: app
                source: { vault: secret/r3mes/app }
                files: { jwt_secret: {}, api_secret_key: {} }
                refresh: {{refresh}}
            """);
    }

    /// <summary>Writes <paramref name="body"/> at <paramref name="path"/> with the root token (engine configuration, as the vault CLI does).</summary>
    public static async Task RootWriteAsync(VaultEmulator vault, string path, System.Text.Json.Nodes.JsonObject body)
    {
        using var http = new HttpClient { BaseAddress = vault.Address };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/" + path) { Content = System.Net.Http.Json.JsonContent.Create(body) };
        request.Headers.Add("X-Vault-Token", vault.RootToken);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public static int Count(VaultEmulator vault, string path) => vault.Requests.Count(r => r.Path == path);

    /// <summary>The accessors the sidecar logged for its logins ("token accessor X"), in order.</summary>
    public static IReadOnlyList<string> LoggedAccessors(SidecarProcess sidecar) =>
        [.. AccessorPattern().Matches(sidecar.Transcript).Select(m => m.Groups[1].Value)];

    /// <summary>A readable request log for failure messages.</summary>
    public static string Describe(VaultEmulator vault) =>
        string.Join('\n', vault.Requests.Select(r => $"{r.Method} {r.Path}{r.Query} -> {r.Status} ({r.Accessor ?? "no token"})"));

    [GeneratedRegex(@"logged in to Vault with .*?: token accessor (\S+),")]
    private static partial Regex AccessorPattern();
}
