using System.Net;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Aws.Tests.Support;

namespace R3mes.Sidecar.Aws.Tests.SecretsManager;

public sealed class GetSecretValueTests
{
    [Fact]
    public async Task ByNameOrArn_ReturnsAwsCurrentWithEpochDate()
    {
        await using var aws = await AwsFixture.StartAsync();
        var arn = aws.Emulator.CreateSecret("db/app", "{\"password\":\"p1\"}");
        Assert.Matches(@"^arn:aws:secretsmanager:us-east-1:123456789012:secret:db/app-[A-Za-z0-9]{6}$", arn);

        foreach (var id in new[] { "db/app", arn })
        {
            var result = await aws.Client.SecretsManagerAsync("GetSecretValue", new JsonObject { ["SecretId"] = id }, aws.Key);
            Assert.Equal(HttpStatusCode.OK, result.Status);
            Assert.NotNull(result.RequestId);
            Assert.Equal(arn, result.Json["ARN"]!.GetValue<string>());
            Assert.Equal("{\"password\":\"p1\"}", result.Json["SecretString"]!.GetValue<string>());
            Assert.Equal(["AWSCURRENT"], result.Json["VersionStages"]!.AsArray().Select(s => s!.GetValue<string>()));
            Assert.Contains("\"CreatedDate\":1748779200.000", result.Body, StringComparison.Ordinal);
            Assert.True(Guid.TryParse(result.Json["VersionId"]!.GetValue<string>(), out _));
        }
    }

    [Fact]
    public async Task Binary_IsBase64()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.CreateSecret("bin", secretBinary: [1, 2, 3, 255]);
        var result = await aws.Client.SecretsManagerAsync("GetSecretValue", new JsonObject { ["SecretId"] = "bin" }, aws.Key);
        Assert.Equal("AQID/w==", result.Json["SecretBinary"]!.GetValue<string>());
        Assert.Null(result.Json["SecretString"]);
    }

    [Fact]
    public async Task UnknownSecret_ResourceNotFoundLikeAws()
    {
        await using var aws = await AwsFixture.StartAsync();
        var result = await aws.Client.SecretsManagerAsync("GetSecretValue", new JsonObject { ["SecretId"] = "nope" }, aws.Key);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("ResourceNotFoundException", result.ErrorTypeHeader);
        Assert.Equal("ResourceNotFoundException", result.ErrorType);
        Assert.Equal("Secrets Manager can't find the specified secret.", result.Message);
        Assert.Equal("nope", aws.Emulator.Requests.Single().SecretId);
    }

    [Fact]
    public async Task ScheduledForDeletion_InvalidRequestAndDescribeShowsDeletedDate()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.CreateSecret("gone", "v");
        aws.Emulator.DeleteSecret("gone");
        var read = await aws.Client.SecretsManagerAsync("GetSecretValue", new JsonObject { ["SecretId"] = "gone" }, aws.Key);
        Assert.Equal("InvalidRequestException", read.ErrorType);
        Assert.Contains("marked for deletion", read.Message, StringComparison.Ordinal);
        var describe = await aws.Client.SecretsManagerAsync("DescribeSecret", new JsonObject { ["SecretId"] = "gone" }, aws.Key);
        Assert.Equal(HttpStatusCode.OK, describe.Status);
        Assert.NotNull(describe.Json["DeletedDate"]);
    }

    [Fact]
    public async Task UnknownStageOrVersion_ResourceNotFound()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.CreateSecret("s", "v");
        var stage = await aws.Client.SecretsManagerAsync("GetSecretValue", new JsonObject { ["SecretId"] = "s", ["VersionStage"] = "AWSPENDING" }, aws.Key);
        Assert.Equal("Secrets Manager can't find the specified secret value for staging label: AWSPENDING", stage.Message);
        var version = await aws.Client.SecretsManagerAsync("GetSecretValue", new JsonObject { ["SecretId"] = "s", ["VersionId"] = "x" }, aws.Key);
        Assert.Equal("ResourceNotFoundException", version.ErrorType);
    }

    [Fact]
    public async Task AccessDenied_ForDeniedKey()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.CreateSecret("s", "v");
        aws.Emulator.DenyAccess(aws.Key.AccessKeyId);
        var result = await aws.Client.SecretsManagerAsync("GetSecretValue", new JsonObject { ["SecretId"] = "s" }, aws.Key);
        Assert.Equal("AccessDeniedException", result.ErrorType);
        Assert.Contains("arn:aws:iam::123456789012:user/app is not authorized to perform: secretsmanager:GetSecretValue", result.Message, StringComparison.Ordinal);
    }
}
