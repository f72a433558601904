using System.Net;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Aws.Tests.Support;

namespace R3mes.Sidecar.Aws.Tests.Sts;

public sealed class ContainerCredentialsTests
{
    [Fact]
    public async Task ServesKeyWithToken_RejectsMissingOrWrongAuthorization()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.CreateSecret("s", "v");
        var served = aws.Emulator.ServeContainerCredentials("/v2/credentials/pod", "pod-token");
        var uri = new Uri(aws.Emulator.Address, "/v2/credentials/pod");

        Assert.Equal(HttpStatusCode.Unauthorized, (await aws.Client.GetAsync(uri, null)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await aws.Client.GetAsync(uri, "other")).Status);
        var ok = await aws.Client.GetAsync(uri, "pod-token");
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(served.AccessKeyId, ok.Json["AccessKeyId"]!.GetValue<string>());
        Assert.Equal(served.SessionToken, ok.Json["Token"]!.GetValue<string>());
        Assert.Equal("2025-06-01T13:00:00Z", ok.Json["Expiration"]!.GetValue<string>());

        var read = await aws.Client.SecretsManagerAsync("GetSecretValue", new JsonObject { ["SecretId"] = "s" }, served);
        Assert.Equal(HttpStatusCode.OK, read.Status);
    }

    [Fact]
    public async Task AfterExpiry_ServesNewKey()
    {
        await using var aws = await AwsFixture.StartAsync();
        var first = aws.Emulator.ServeContainerCredentials("/creds");
        aws.Time.Advance(TimeSpan.FromHours(2));
        var next = await aws.Client.GetAsync(new Uri(aws.Emulator.Address, "/creds"), null);
        Assert.NotEqual(first.AccessKeyId, next.Json["AccessKeyId"]!.GetValue<string>());
    }
}
