using System.Net;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Bootstrap;
using R3mes.Sidecar.Vault.Emulator;
using R3mes.Sidecar.Vault.Tests.Emulator;

namespace R3mes.Sidecar.Vault.Tests.Bootstrap;

/// <summary>
/// <c>vault bootstrap</c>'s runner against the emulator (KV, PKI, AppRole, Kubernetes; the database engine with a real
/// PostgreSQL is in the process test): idempotent (a second run writes nothing), least privilege that Vault enforces,
/// credentials files 0600, a 403 that names the capability, and no secret, secret id or token in the output.
/// </summary>
public sealed class BootstrapAgainstEmulatorTests : IAsyncLifetime
{
    private readonly BootstrapFiles _files = new();
    private VaultEmulator _vault = null!;

    public async Task InitializeAsync() => _vault = await VaultEmulator.StartAsync();

    [Fact]
    public async Task Run_Twice_SecondRunSaysNothingToChangeAndWritesNothing()
    {
        var first = await RunAsync();
        Assert.Contains("plan: 22 change(s)", first, StringComparison.Ordinal);
        Assert.Contains("applied 22 change(s) (19 write(s) to Vault)", first, StringComparison.Ordinal);
        Assert.Equal(19, _vault.Writes.Count);

        _vault.ClearRequests();
        var second = await RunAsync();

        Assert.Contains("nothing to change: Vault already matches the bootstrap file", second, StringComparison.Ordinal);
        Assert.DoesNotContain("plan:", second, StringComparison.Ordinal);
        Assert.Empty(_vault.Writes);
        Assert.NotEmpty(_vault.Requests);
        foreach (var service in new[] { "backend", "nginx", "grafana" })
        {
            var roleId = (await File.ReadAllTextAsync(Path.Combine(_files.Credentials, service, "role-id"))).Trim();
            Assert.Contains($"service {service}: role_id {roleId} in ", second, StringComparison.Ordinal);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Run_ServicesGetExactlyTheirPaths_WrappedSecretIdsIn0600Files()
    {
        var output = await RunAsync();

        var dir = Path.Combine(_files.Credentials, "backend");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "secret-id")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, "role-id")));
        var roleId = (await File.ReadAllTextAsync(Path.Combine(dir, "role-id"))).Trim();
        var wrapping = (await File.ReadAllTextAsync(Path.Combine(dir, "secret-id"))).Trim();

        var lookup = await EmulatorHttp.OkAsync(_vault.Address, HttpMethod.Post, "v1/sys/wrapping/lookup", null, $$"""{"token":"{{wrapping}}"}""");
        Assert.Equal("auth/approle/role/backend/secret-id", lookup["data"]!["creation_path"]!.GetValue<string>());
        var unwrapped = await EmulatorHttp.OkAsync(_vault.Address, HttpMethod.Post, "v1/sys/wrapping/unwrap", wrapping);
        var secretId = unwrapped["data"]!["secret_id"]!.GetValue<string>();
        var login = await EmulatorHttp.OkAsync(_vault.Address, HttpMethod.Post, "v1/auth/approle/login", null, $$"""{"role_id":"{{roleId}}","secret_id":"{{secretId}}"}""");
        var token = login["auth"]!["client_token"]!.GetValue<string>();

        var app = await EmulatorHttp.OkAsync(_vault.Address, HttpMethod.Get, "v1/secret/data/r3mes/app", token);
        Assert.Equal(_files.Secrets["jwt_secret"], app["data"]!["data"]!["jwt_secret"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, (await EmulatorHttp.SendAsync(_vault.Address, HttpMethod.Get, "v1/secret/data/r3mes/grafana", token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await EmulatorHttp.SendAsync(_vault.Address, HttpMethod.Post, "v1/pki/issue/r3mes", token, """{"common_name":"api.r3mes.local"}""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await EmulatorHttp.SendAsync(_vault.Address, HttpMethod.Post, "v1/secret/data/r3mes/app", token, """{"data":{"x":"y"}}""")).Status);

        Canary(output, [.. _files.Secrets.Values, wrapping, secretId, _vault.RootToken, .. _vault.IssuedSecretIds]);
    }

    [Fact]
    public async Task Run_DryRun_PrintsThePlanAndChangesNothing()
    {
        var output = await RunAsync(new BootstrapOptions(DryRun: true, NewSecretIds: false));

        Assert.Contains("  + enable secrets engine kv (version 2) at secret/", output, StringComparison.Ordinal);
        Assert.Contains("  + create policy backend", output, StringComparison.Ordinal);
        Assert.Contains("dry run: nothing was changed", output, StringComparison.Ordinal);
        Assert.Empty(_vault.Writes);
        Assert.False(Directory.Exists(_files.Credentials));
    }

    [Fact]
    public async Task Run_WithATokenThatMayNotEnableEngines_FailsNamingTheCapabilityAndPath()
    {
        var token = _vault.CreateToken(["reader"], TimeSpan.FromHours(1));
        _vault.SetPolicy("reader", new Dictionary<string, string[]> { ["sys/mounts"] = ["read"], ["sys/auth"] = ["read"], ["sys/policies/acl/*"] = ["read"] });

        var e = await Assert.ThrowsAsync<BootstrapException>(() => RunAsync(token: token));

        Assert.StartsWith("step 1 of 22 (enable secrets engine kv (version 2) at secret/) failed: permission denied: POST sys/mounts/secret needs the 'create and update' capability on \"sys/mounts/secret\"", e.Message, StringComparison.Ordinal);
        Assert.Contains("0 step(s) were applied", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_vault.Writes, w => w.Status is >= 200 and < 300);
    }

    private async Task<string> RunAsync(BootstrapOptions? options = null, string? token = null)
    {
        var vault = BootstrapConnection.Open(_vault.Address, null, null, SecretValue.FromUtf8(token ?? _vault.RootToken), TimeProvider.System);
        using var output = new StringWriter();
        await new BootstrapRunner(vault, output).RunAsync(BootstrapReader.Read(_files.Write()), options ?? new BootstrapOptions(false, false), CancellationToken.None);
        return output.ToString();
    }

    private static void Canary(string output, IEnumerable<string> secrets) =>
        Assert.All(secrets, s => Assert.DoesNotContain(s, output, StringComparison.Ordinal));

    public async Task DisposeAsync()
    {
        await _vault.DisposeAsync();
        _files.Dispose();
    }
}
