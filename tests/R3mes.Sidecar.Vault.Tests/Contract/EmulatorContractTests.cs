using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Resilience;
using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Auth.Methods.AppRole;
using R3mes.Sidecar.Vault.Auth.Methods.Jwt;
using R3mes.Sidecar.Vault.Auth.Methods.Token;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Configuration;
using R3mes.Sidecar.Vault.Emulator;
using R3mes.Sidecar.Vault.Kv;
using R3mes.Sidecar.Vault.Tests.Support;

namespace R3mes.Sidecar.Vault.Tests.Contract;

/// <summary>The client, auth methods and KV source against the emulator over real HTTP.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class EmulatorContractTests : IAsyncLifetime
{
    private VaultEmulator _vault = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _vault = await VaultEmulator.StartAsync();
        _vault.MountKv("secret", 2);
        _vault.MountKv("kv1", 1);
        _vault.SetPolicy("app", new Dictionary<string, string[]>
        {
            ["secret/data/r3mes/*"] = ["read"],
            ["secret/metadata/r3mes/*"] = ["read"],
            ["kv1/r3mes/*"] = ["read"],
        });
        _dir = Directory.CreateTempSubdirectory("vault-contract-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _vault.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task AppRole_WrappedSecretId_LogsInOnceAndReusesTheUnwrappedIdOnReLogin()
    {
        var role = _vault.AddAppRole("approle", "backend", TimeSpan.FromMinutes(5), policies: ["app"]);
        var (roleIdFile, secretIdFile) = (Write("role-id", role.RoleId), Write("secret-id", _vault.WrapSecretId(role, TimeSpan.FromMinutes(1))));
        var session = TestVault.Session(Client(), new AppRoleAuth("approle", roleIdFile, secretIdFile, wrapped: true, removeSecretIdFile: false));

        var first = await session.TokenAsync(default);
        var second = await session.LoginAsync(first, default);

        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(TimeSpan.FromMinutes(5), first.Ttl);
        Assert.Equal(1, _vault.Count("POST", "/v1/sys/wrapping/unwrap"));
        Assert.Equal(2, _vault.Count("POST", "/v1/auth/approle/login"));
    }

    [Fact]
    public async Task AppRole_SecretIdWrappedElsewhere_IsRefusedBeforeUnwrapping()
    {
        var role = _vault.AddAppRole("approle", "backend", TimeSpan.FromMinutes(5));
        var secretIdFile = Write("secret-id", _vault.WrapSecretId(role, TimeSpan.FromMinutes(1), creationPath: "sys/wrapping/wrap"));
        var session = TestVault.Session(Client(), new AppRoleAuth("approle", Write("role-id", role.RoleId), secretIdFile, wrapped: true, removeSecretIdFile: false));

        var error = await Assert.ThrowsAsync<VaultAuthException>(() => session.TokenAsync(default).AsTask());

        Assert.Contains("sys/wrapping/wrap", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, _vault.Count("POST", "/v1/sys/wrapping/unwrap"));
    }

    [Fact]
    public async Task KvSource_V2ThroughPolicy_ReadsDataOncePerVersion()
    {
        _vault.WriteKv("secret", "r3mes/app", new Dictionary<string, string> { ["jwt_secret"] = "one" });
        var source = Source(_vault.CreateToken(["app"], TimeSpan.FromMinutes(5)), "secret/r3mes/app");

        var first = await source.FetchAsync(default);
        await source.FetchAsync(default);
        _vault.WriteKv("secret", "r3mes/app", new Dictionary<string, string> { ["jwt_secret"] = "two" });
        var third = await source.FetchAsync(default);

        Assert.Equal("one", first.Fields["jwt_secret"].RevealUtf8());
        Assert.Equal("two", third.Fields["jwt_secret"].RevealUtf8());
        Assert.Equal(3, _vault.Count("GET", "/v1/secret/metadata/r3mes/app"));
        Assert.Equal(2, _vault.Count("GET", "/v1/secret/data/r3mes/app"));
    }

    [Fact]
    public async Task KvSource_V1_ReadsTheMap()
    {
        _vault.WriteKv("kv1", "r3mes/app", new Dictionary<string, string> { ["api_secret_key"] = "k1" });
        var data = await Source(_vault.CreateToken(["app"], TimeSpan.FromMinutes(5)), "kv1/r3mes/app").FetchAsync(default);

        Assert.Equal("k1", data.Fields["api_secret_key"].RevealUtf8());
    }

    [Fact]
    public async Task KvSource_OutsidePolicy_FailsWithoutRetryAndWithoutTheToken()
    {
        _vault.WriteKv("secret", "other/app", new Dictionary<string, string> { ["k"] = "v" });
        var token = _vault.CreateToken(["app"], TimeSpan.FromMinutes(5));
        var error = await Assert.ThrowsAsync<R3mes.Sidecar.Sources.SecretSourceException>(async () => await Source(token, "secret/other/app").FetchAsync(default));

        Assert.Contains("policy", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_StandbyRedirect_IsFollowedWithTheSameToken()
    {
        await using var active = await VaultEmulator.StartAsync(new VaultEmulatorOptions { RootToken = _vault.RootToken });
        active.MountKv("secret", 2);
        active.WriteKv("secret", "r3mes/app", new Dictionary<string, string> { ["k"] = "from-active" });
        _vault.StandbyRedirect = active.Address;

        var data = await Source(_vault.RootToken, "secret/r3mes/app").FetchAsync(default);

        Assert.Equal("from-active", data.Fields["k"].RevealUtf8());
        Assert.True(_vault.Requests.Count(r => r.Status == 307) >= 1);
    }

    [Fact]
    public async Task Client_BurstOf503_EachCallIsOneAttempt_TheThirdSucceeds()
    {
        _vault.WriteKv("secret", "r3mes/app", new Dictionary<string, string> { ["k"] = "v" });
        var source = Source(_vault.RootToken, "secret/r3mes/app");
        await source.FetchAsync(default);
        var before = _vault.Requests.Count;
        _vault.FailNext(2, 503);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Assert.ThrowsAsync<VaultApiException>(() => source.FetchAsync(default).AsTask())).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await Assert.ThrowsAsync<VaultApiException>(() => source.FetchAsync(default).AsTask())).Status);
        var data = await source.FetchAsync(default);

        Assert.Equal("v", data.Fields["k"].RevealUtf8());
        Assert.Equal(3, _vault.Requests.Count - before);
    }

    [Fact]
    public async Task Client_DroppedConnections_EachCallIsOneAttempt_TheThirdSucceeds()
    {
        _vault.WriteKv("secret", "r3mes/app", new Dictionary<string, string> { ["k"] = "v" });
        var source = Source(_vault.RootToken, "secret/r3mes/app");
        await source.FetchAsync(default);
        _vault.DropNext(2);

        await Assert.ThrowsAsync<HttpRequestException>(() => source.FetchAsync(default).AsTask());
        await Assert.ThrowsAsync<HttpRequestException>(() => source.FetchAsync(default).AsTask());
        var data = await source.FetchAsync(default);

        Assert.Equal("v", data.Fields["k"].RevealUtf8());
    }

    [Fact]
    public async Task Session_AfterEmulatorRestart_LogsInAgainOnInvalidToken()
    {
        _vault.WriteKv("secret", "r3mes/app", new Dictionary<string, string> { ["k"] = "v" });
        var role = _vault.AddAppRole("approle", "backend", TimeSpan.FromMinutes(5), policies: ["app"]);
        var auth = new AppRoleAuth("approle", Write("role-id", role.RoleId), Write("secret-id", _vault.NewSecretId(role)), wrapped: false, removeSecretIdFile: false);
        var client = Client();
        var session = TestVault.Session(client, auth);
        var source = new KvSource(new VaultRuntime(Settings(), client, session), VaultPath.Segments("secret/r3mes/app"), null, NullLogger.Instance);
        await source.FetchAsync(default);

        _vault.Restart();
        _vault.WriteKv("secret", "r3mes/app", new Dictionary<string, string> { ["k"] = "after-restart" });
        var data = await source.FetchAsync(default);

        Assert.Equal("after-restart", data.Fields["k"].RevealUtf8());
        Assert.Equal(2, _vault.Count("POST", "/v1/auth/approle/login"));
    }

    [Theory]
    [InlineData("kubernetes")]
    [InlineData("jwt")]
    public async Task JwtMethods_ReReadTheJwtFileAtEveryLogin(string method)
    {
        _vault.AddJwtRole(method, "backend", ["jwt-one", "jwt-two"], TimeSpan.FromMinutes(5), ["app"]);
        var jwtFile = Write($"{method}-jwt", "jwt-one");
        var session = TestVault.Session(Client(), new JwtAuth(method, method, "backend", jwtFile));
        var first = await session.TokenAsync(default);

        File.WriteAllText(jwtFile, "jwt-two");
        await session.LoginAsync(first, default);
        File.WriteAllText(jwtFile, "jwt-revoked");
        var error = await Assert.ThrowsAsync<VaultApiException>(() => session.LoginAsync(session.Current, default));

        Assert.Equal(HttpStatusCode.Forbidden, error.Status);
        Assert.Contains("service account name not authorized", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("jwt-revoked", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppRole_RemoveSecretIdFile_DeletesItAfterTheFirstLogin()
    {
        var role = _vault.AddAppRole("approle", "backend", TimeSpan.FromMinutes(5));
        var secretIdFile = Write("secret-id-once", _vault.WrapSecretId(role, TimeSpan.FromMinutes(1)));
        var session = TestVault.Session(Client(), new AppRoleAuth("approle", Write("role-id", role.RoleId), secretIdFile, wrapped: true, removeSecretIdFile: true));

        var first = await session.TokenAsync(default);
        await session.LoginAsync(first, default);

        Assert.False(File.Exists(secretIdFile));
        Assert.Equal(2, _vault.Count("POST", "/v1/auth/approle/login"));
    }

    [Fact]
    public async Task StateDir_SecondSession_ResumesTheTokenWithoutLoggingInOrUnwrappingAgain()
    {
        var role = _vault.AddAppRole("approle", "backend", TimeSpan.FromMinutes(5), policies: ["app"]);
        var roleIdFile = Write("role-id", role.RoleId);
        var secretIdFile = Write("secret-id", _vault.WrapSecretId(role, TimeSpan.FromMinutes(1)));
        var stateDir = Path.Combine(_dir, "state");
        VaultSession NewSession() => new(Client(), new AppRoleAuth("approle", roleIdFile, secretIdFile, wrapped: true, removeSecretIdFile: false),
            new R3mes.Sidecar.Pipeline.StatusBoard(TimeProvider.System), TimeProvider.System, NullLogger<VaultSession>.Instance)
        { State = new TokenState(stateDir) };

        var first = await NewSession().TokenAsync(default);
        var resumed = await NewSession().TokenAsync(default);

        Assert.Equal(first.Value, resumed.Value);
        Assert.Equal(first.Accessor, resumed.Accessor);
        Assert.Equal(1, _vault.Count("POST", "/v1/auth/approle/login"));
        Assert.Equal(1, _vault.Count("POST", "/v1/sys/wrapping/unwrap"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(stateDir, TokenState.FileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(stateDir));
    }

    [Fact]
    public async Task StateDir_TokenVaultForgot_IsReplacedByAFreshLogin()
    {
        var role = _vault.AddAppRole("approle", "backend", TimeSpan.FromMinutes(5), policies: ["app"]);
        var roleIdFile = Write("role-id", role.RoleId);
        var secretIdFile = Write("secret-id", _vault.NewSecretId(role));
        var stateDir = Path.Combine(_dir, "state-stale");
        VaultSession NewSession() => new(Client(), new AppRoleAuth("approle", roleIdFile, secretIdFile, wrapped: false, removeSecretIdFile: false),
            new R3mes.Sidecar.Pipeline.StatusBoard(TimeProvider.System), TimeProvider.System, NullLogger<VaultSession>.Instance)
        { State = new TokenState(stateDir) };

        var first = await NewSession().TokenAsync(default);
        _vault.Restart();
        var second = await NewSession().TokenAsync(default);

        Assert.NotEqual(first.Value, second.Value);
        Assert.Equal(2, _vault.Count("POST", "/v1/auth/approle/login"));
    }

    private KvSource Source(string token, string path)
    {
        var client = Client();
        var session = TestVault.Session(client, new TokenFileAuth(Write($"token-{Guid.NewGuid():N}", token)));
        return new KvSource(new VaultRuntime(Settings(), client, session), VaultPath.Segments(path), null, NullLogger.Instance);
    }

    private VaultSettings Settings() => TestVault.Settings() with { Address = _vault.Address };

    private VaultClient Client() =>
        new(new HttpClient(VaultHttp.CreateHandler(Settings().Tls)), Settings(), BackendPipeline.Create(8, TimeSpan.FromSeconds(5), TimeProvider.System));

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}
