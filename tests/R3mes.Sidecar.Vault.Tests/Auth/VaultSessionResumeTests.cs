using System.Net;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Tests.Support;

namespace R3mes.Sidecar.Vault.Tests.Auth;

/// <summary>
/// The token kept in <c>state_dir</c> is resumed when Vault answers the lookup. A lookup that did not get through
/// (Vault down at start, or <c>once</c>'s retry_budget spent while it was in flight) must not count as the one try:
/// the next attempt resumes instead of logging in anew, which a used single-use wrapped secret_id cannot do.
/// </summary>
public sealed class VaultSessionResumeTests : IDisposable
{
    private const string Lookup = "GET /v1/auth/token/lookup-self";
    private const string Login = "POST /v1/auth/approle/login";
    private readonly string _stateDir = Directory.CreateTempSubdirectory("vault-resume-").FullName;

    public void Dispose() => Directory.Delete(_stateDir, recursive: true);

    [Fact]
    public async Task TokenAsync_LookupOfTheKeptTokenFailedOnce_ResumesItOnTheNextAttemptWithoutLoggingIn()
    {
        var state = new TokenState(_stateDir);
        state.Save(new VaultToken(SecretValue.FromUtf8("hvs.kept"), "acc-kept", TimeSpan.FromMinutes(10), true, DateTimeOffset.UnixEpoch));
        var fake = new FakeVault()
            .On(Lookup, HttpStatusCode.ServiceUnavailable, """{"errors":["Vault is sealed"]}""")
            .On(Lookup, HttpStatusCode.OK, """{"data":{"accessor":"acc-kept","ttl":600,"creation_ttl":600,"renewable":true}}""")
            .On(Login, HttpStatusCode.OK, """{"auth":{"client_token":"hvs.new","accessor":"acc-new","lease_duration":600,"renewable":true}}""");
        var client = TestVault.Client(fake);
        var session = new VaultSession(client, new AppRoleLogin(), new Pipeline.StatusBoard(TimeProvider.System), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<VaultSession>.Instance)
        {
            State = state,
        };

        await Assert.ThrowsAsync<VaultApiException>(() => session.TokenAsync(default).AsTask());
        var token = await session.TokenAsync(default);

        Assert.Equal("acc-kept", token.Accessor);
        Assert.Equal(2, fake.Count(Lookup)); // one attempt each: the client does not retry, the caller does
        Assert.Equal(0, fake.Count(Login));
    }

    private sealed class AppRoleLogin : IAuthMethod
    {
        public string Description => "approle";

        public ValueTask<LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken) =>
            ValueTask.FromResult(LoginRequest.Call("approle", new Dictionary<string, string> { ["role_id"] = "r", ["secret_id"] = "s" }));
    }
}
