using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Vault.Kv;
using R3mes.Sidecar.Vault.Tests.Support;

namespace R3mes.Sidecar.Vault.Tests.Kv;

public sealed class KvSourceTests
{
    private const string Lookup = "GET /v1/auth/token/lookup-self";

    private static FakeVault Vault() => new FakeVault().On(Lookup, HttpStatusCode.OK, DocFixtures.LookupSelf);

    [Fact]
    public async Task FetchAsync_KvV2_ReturnsFieldsAndVersion()
    {
        var fake = Vault()
            .On("GET /v1/sys/internal/ui/mounts/secret/app", HttpStatusCode.OK, DocFixtures.MountsKvV2)
            .On("GET /v1/secret/metadata/app", HttpStatusCode.OK, DocFixtures.KvV2Metadata)
            .On("GET /v1/secret/data/app", HttpStatusCode.OK, DocFixtures.KvV2Read);
        var data = await Source(fake, "secret/app").FetchAsync(default);

        Assert.Equal("thisisasecret", data.Fields["target"].RevealUtf8());
        Assert.Equal("1", data.Freshness.Version);
    }

    [Fact]
    public async Task FetchAsync_CurrentVersionUnchanged_DoesNotReadDataAgain()
    {
        var fake = Vault()
            .On("GET /v1/sys/internal/ui/mounts/secret/app", HttpStatusCode.OK, DocFixtures.MountsKvV2)
            .On("GET /v1/secret/metadata/app", HttpStatusCode.OK, DocFixtures.KvV2Metadata)
            .On("GET /v1/secret/data/app", HttpStatusCode.OK, DocFixtures.KvV2Read.Replace("\"version\": 1", "\"version\": 3", StringComparison.Ordinal));
        var source = Source(fake, "secret/app");
        await source.FetchAsync(default);
        await source.FetchAsync(default);
        await source.FetchAsync(default);

        Assert.Equal(3, fake.Count("GET /v1/secret/metadata/app"));
        Assert.Equal(1, fake.Count("GET /v1/secret/data/app"));
        Assert.Equal(1, fake.Count("GET /v1/sys/internal/ui/mounts/secret/app"));
    }

    [Fact]
    public async Task FetchAsync_PinnedVersion_ReadsThatVersion()
    {
        var fake = Vault()
            .On("GET /v1/sys/internal/ui/mounts/secret/app", HttpStatusCode.OK, DocFixtures.MountsKvV2)
            .On("GET /v1/secret/data/app?version=1", HttpStatusCode.OK, DocFixtures.KvV2Read);
        var data = await Source(fake, "secret/app", version: 1).FetchAsync(default);

        Assert.Equal("thisisasecret", data.Fields["target"].RevealUtf8());
        Assert.Equal(0, fake.Count("GET /v1/secret/metadata/app"));
    }

    [Theory]
    [InlineData(DocFixtures.KvV2Deleted, "version 2 was deleted")]
    [InlineData(DocFixtures.KvV2Destroyed, "version 2 was destroyed")]
    [InlineData(DocFixtures.NotFound, "no secret at this path")]
    public async Task FetchAsync_DeletedDestroyedOrMissing_AreToldApart(string body, string expected)
    {
        var fake = Vault()
            .On("GET /v1/sys/internal/ui/mounts/secret/app", HttpStatusCode.OK, DocFixtures.MountsKvV2)
            .On("GET /v1/secret/metadata/app", HttpStatusCode.OK, DocFixtures.KvV2Metadata)
            .On("GET /v1/secret/data/app", HttpStatusCode.NotFound, body);
        var error = await Assert.ThrowsAsync<SecretSourceException>(async () => await Source(fake, "secret/app").FetchAsync(default));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(error.Transient);
    }

    [Fact]
    public async Task FetchAsync_OneFieldNotValidText_OtherFieldsStillServed()
    {
        var body = DocFixtures.KvV2Read.Replace("\"target\": \"thisisasecret\"", "\"target\": \"ok\", \"broken\": \"\\ud800\"", StringComparison.Ordinal);
        var fake = Vault()
            .On("GET /v1/sys/internal/ui/mounts/secret/app", HttpStatusCode.OK, DocFixtures.MountsKvV2)
            .On("GET /v1/secret/metadata/app", HttpStatusCode.OK, DocFixtures.KvV2Metadata)
            .On("GET /v1/secret/data/app", HttpStatusCode.OK, body);

        var data = await Source(fake, "secret/app").FetchAsync(default);

        Assert.Equal("ok", data.Fields["target"].RevealUtf8());
        Assert.False(data.Fields.ContainsKey("broken"));
    }

    [Fact]
    public async Task FetchAsync_KvV1_IgnoresAdvisoryLeaseDuration()
    {
        var fake = Vault()
            .On("GET /v1/sys/internal/ui/mounts/kv1/app", HttpStatusCode.OK, DocFixtures.MountsKvV1)
            .On("GET /v1/kv1/app", HttpStatusCode.OK, DocFixtures.KvV1Read);
        var data = await Source(fake, "kv1/app").FetchAsync(default);

        Assert.Equal("bar", data.Fields["foo"].RevealUtf8());
        Assert.Null(data.Freshness.Lease);
        Assert.Null(data.Freshness.ExpiresAt);
    }

    [Fact]
    public async Task FetchAsync_MountsEndpointMissing_AssumesKvV1()
    {
        var fake = Vault()
            .On("GET /v1/sys/internal/ui/mounts/kv1/app", HttpStatusCode.NotFound, DocFixtures.NotFound)
            .On("GET /v1/kv1/app", HttpStatusCode.OK, DocFixtures.KvV1Read);
        var data = await Source(fake, "kv1/app").FetchAsync(default);

        Assert.Equal("1h", data.Fields["ttl"].RevealUtf8());
    }

    [Fact]
    public async Task FetchAsync_InvalidToken_LogsInAgainAndRetriesOnce()
    {
        var fake = Vault()
            .On("GET /v1/sys/internal/ui/mounts/secret/app", HttpStatusCode.Forbidden, DocFixtures.InvalidToken403)
            .On("GET /v1/sys/internal/ui/mounts/secret/app", HttpStatusCode.OK, DocFixtures.MountsKvV2)
            .On("GET /v1/secret/metadata/app", HttpStatusCode.OK, DocFixtures.KvV2Metadata)
            .On("GET /v1/secret/data/app", HttpStatusCode.OK, DocFixtures.KvV2Read);
        var data = await Source(fake, "secret/app").FetchAsync(default);

        Assert.Equal("thisisasecret", data.Fields["target"].RevealUtf8());
        Assert.Equal(2, fake.Count(Lookup));
    }

    private static KvSource Source(FakeVault fake, string path, int? version = null)
    {
        var runtime = FakeRuntime.Create(fake);
        return new KvSource(runtime, R3mes.Sidecar.Vault.Client.VaultPath.Segments(path), version, NullLogger.Instance);
    }
}
