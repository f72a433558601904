using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using R3mes.Sidecar.Aws.Tests.Support;

namespace R3mes.Sidecar.Aws.Tests.Sts;

public sealed class StsTests
{
    private const string GetCallerIdentity = "Action=GetCallerIdentity&Version=2011-06-15";
    private static readonly XNamespace Ns = "https://sts.amazonaws.com/doc/2011-06-15/";

    [Fact]
    public async Task GetCallerIdentity_ReturnsSignersArn()
    {
        await using var aws = await AwsFixture.StartAsync();
        var result = await aws.Client.StsAsync(GetCallerIdentity, Signer(aws, aws.Key.SecretKey));
        Assert.Equal(HttpStatusCode.OK, result.Status);
        var xml = XDocument.Parse(result.Body).Root!;
        Assert.Equal(Ns + "GetCallerIdentityResponse", xml.Name);
        var identity = xml.Element(Ns + "GetCallerIdentityResult")!;
        Assert.Equal("arn:aws:iam::123456789012:user/app", identity.Element(Ns + "Arn")!.Value);
        Assert.Equal("123456789012", identity.Element(Ns + "Account")!.Value);
        Assert.Equal(result.RequestId, xml.Element(Ns + "ResponseMetadata")!.Element(Ns + "RequestId")!.Value);
    }

    [Fact]
    public async Task GetCallerIdentity_BadSignature_SignatureDoesNotMatchXml()
    {
        await using var aws = await AwsFixture.StartAsync();
        var result = await aws.Client.StsAsync(GetCallerIdentity, Signer(aws, "wrong"));
        Assert.Equal(HttpStatusCode.Forbidden, result.Status);
        var error = XDocument.Parse(result.Body).Root!.Element(Ns + "Error")!;
        Assert.Equal("Sender", error.Element(Ns + "Type")!.Value);
        Assert.Equal("SignatureDoesNotMatch", error.Element(Ns + "Code")!.Value);
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_IssuesUsableTemporaryKey()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.CreateSecret("s", "v");
        aws.Emulator.AllowWebIdentity("jwt-1", "arn:aws:iam::123456789012:role/app");
        var result = await aws.Client.StsAsync(
            "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fapp&RoleSessionName=pod&WebIdentityToken=jwt-1", null);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        var credentials = XDocument.Parse(result.Body).Root!.Element(Ns + "AssumeRoleWithWebIdentityResult")!.Element(Ns + "Credentials")!;
        var key = new Emulator.AwsCredential(credentials.Element(Ns + "AccessKeyId")!.Value, credentials.Element(Ns + "SecretAccessKey")!.Value,
            credentials.Element(Ns + "SessionToken")!.Value, null, "", "");
        Assert.Equal("2025-06-01T13:00:00Z", credentials.Element(Ns + "Expiration")!.Value);
        Assert.StartsWith("ASIA", key.AccessKeyId, StringComparison.Ordinal);

        var read = await aws.Client.SecretsManagerAsync("GetSecretValue", new JsonObject { ["SecretId"] = "s" }, key);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        var identity = await aws.Client.StsAsync(GetCallerIdentity, new TestSigner(key.AccessKeyId, key.SecretKey, key.SessionToken, "us-east-1", "sts", aws.Time.GetUtcNow()));
        Assert.Contains("arn:aws:sts::123456789012:assumed-role/app/pod", identity.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssumeRoleWithWebIdentity_UnknownToken_InvalidIdentityToken()
    {
        await using var aws = await AwsFixture.StartAsync();
        var result = await aws.Client.StsAsync("Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=r&RoleSessionName=s&WebIdentityToken=bad", null);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("<Code>InvalidIdentityToken</Code>", result.Body, StringComparison.Ordinal);
    }

    private static TestSigner Signer(AwsFixture aws, string secret) => new(aws.Key.AccessKeyId, secret, null, "us-east-1", "sts", aws.Time.GetUtcNow());
}
