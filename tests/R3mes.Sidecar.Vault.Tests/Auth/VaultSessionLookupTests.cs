using System.Net;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Tests.Support;

namespace R3mes.Sidecar.Vault.Tests.Auth;

/// <summary>
/// lookup-self reports <c>ttl</c> in whole seconds: 0 with an <c>expire_time</c> is a token with under a second left
/// (it must count as expiring, so the next use logs in again); 0 without one is a token that never expires (root).
/// </summary>
public sealed class VaultSessionLookupTests
{
    private const string Lookup = "GET /v1/auth/token/lookup-self";

    [Theory]
    [InlineData("\"2026-11-28T12:00:00.5Z\"", 2)]
    [InlineData("null", 1)]
    public async Task TtlZero_ExpiringOnlyWhenAnExpireTimeIsGiven(string expireTime, int lookups)
    {
        var fake = new FakeVault().On(Lookup, HttpStatusCode.OK,
            $$"""{"request_id":"r","lease_id":"","renewable":false,"lease_duration":0,"data":{"accessor":"acc","creation_ttl":0,"expire_time":{{expireTime}},"renewable":false,"ttl":0},"wrap_info":null,"warnings":null,"auth":null,"mount_type":"token"}""");
        var session = TestVault.Session(TestVault.Client(fake), new DirectToken());

        var first = await session.TokenAsync(default);
        await session.TokenAsync(default);

        Assert.Equal(lookups, fake.Count(Lookup));
        Assert.Equal(expireTime == "null", first.ExpiresAt is null);
    }

    private sealed class DirectToken : IAuthMethod
    {
        public string Description => "direct token";

        public ValueTask<LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken) =>
            ValueTask.FromResult(LoginRequest.Token(SecretValue.FromUtf8("hvs.lookup-test")));
    }
}
