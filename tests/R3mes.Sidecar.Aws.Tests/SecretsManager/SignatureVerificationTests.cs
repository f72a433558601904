using System.Net;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Aws.Emulator;
using R3mes.Sidecar.Aws.Tests.Support;

namespace R3mes.Sidecar.Aws.Tests.SecretsManager;

public sealed class SignatureVerificationTests
{
    private static readonly JsonObject Body = new() { ["SecretId"] = "s" };

    [Fact]
    public async Task UnknownKey_UnrecognizedClient()
    {
        await using var aws = await AwsFixture.StartAsync();
        var stranger = new AwsCredential("AKIASTRANGER", "secret", null, null, "", "");
        var result = await aws.Client.SecretsManagerAsync("GetSecretValue", Body, stranger);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("UnrecognizedClientException", result.ErrorType);
        Assert.Equal("The security token included in the request is invalid.", result.Message);
    }

    [Fact]
    public async Task WrongSecretKey_InvalidSignature()
    {
        await using var aws = await AwsFixture.StartAsync();
        var result = await aws.Client.SecretsManagerAsync("GetSecretValue", Body, aws.Key with { SecretKey = "tampered" });
        Assert.Equal("InvalidSignatureException", result.ErrorTypeHeader);
        Assert.StartsWith("The request signature we calculated does not match", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedFiveMinutesAgoPlusOne_SignatureExpired()
    {
        await using var aws = await AwsFixture.StartAsync();
        var result = await aws.Client.SecretsManagerAsync("GetSecretValue", Body, aws.Key,
            s => s with { Time = aws.Time.GetUtcNow() - TimeSpan.FromMinutes(6) });
        Assert.Equal("InvalidSignatureException", result.ErrorType);
        Assert.Equal("Signature expired: 20250601T115400Z is now earlier than 20250601T115500Z (20250601T120000Z - 5 min.)", result.Message);
    }

    [Fact]
    public async Task SignedInTheFuture_NotYetCurrent()
    {
        await using var aws = await AwsFixture.StartAsync();
        var result = await aws.Client.SecretsManagerAsync("GetSecretValue", Body, aws.Key,
            s => s with { Time = aws.Time.GetUtcNow() + TimeSpan.FromMinutes(6) });
        Assert.StartsWith("Signature not yet current: 20250601T120600Z", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongServiceInScope_InvalidSignature()
    {
        await using var aws = await AwsFixture.StartAsync();
        var result = await aws.Client.SecretsManagerAsync("GetSecretValue", Body, aws.Key, s => s with { Service = "ssm" });
        Assert.Equal("InvalidSignatureException", result.ErrorType);
        Assert.Contains("'secretsmanager'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScopeDateNotMatchingXAmzDate_InvalidSignature()
    {
        await using var aws = await AwsFixture.StartAsync();
        var result = await aws.Client.SecretsManagerAsync("GetSecretValue", Body, aws.Key, s => s with { ScopeDate = "20250531" });
        Assert.Equal("InvalidSignatureException", result.ErrorType);
        Assert.Contains("Date in Credential scope does not match", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsigned_MissingAuthenticationToken()
    {
        await using var aws = await AwsFixture.StartAsync();
        var result = await aws.Client.SendAsync("GetSecretValue", Body, signer: null);
        Assert.Equal("MissingAuthenticationTokenException", result.ErrorType);
    }

    [Fact]
    public async Task TemporaryKey_TokenMustBeSentSignedAndUnexpired()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.CreateSecret("s", "v");
        var temporary = aws.Emulator.AddCredentials("ASIATEMP", "tempsecret", "session-token", aws.Time.GetUtcNow() + TimeSpan.FromMinutes(10));

        Assert.Equal(HttpStatusCode.OK, (await aws.Client.SecretsManagerAsync("GetSecretValue", Body, temporary)).Status);
        var unsigned = await aws.Client.SecretsManagerAsync("GetSecretValue", Body, temporary, s => s with { SignToken = false });
        Assert.Equal("IncompleteSignatureException", unsigned.ErrorType);
        var missing = await aws.Client.SecretsManagerAsync("GetSecretValue", Body, temporary with { SessionToken = null });
        Assert.Equal("UnrecognizedClientException", missing.ErrorType);

        aws.Time.Advance(TimeSpan.FromMinutes(11));
        var expired = await aws.Client.SecretsManagerAsync("GetSecretValue", Body, temporary);
        Assert.Equal("ExpiredTokenException", expired.ErrorType);
    }
}
