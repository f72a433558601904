using System.Net;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Aws.Tests.Support;

namespace R3mes.Sidecar.Aws.Tests.SecretsManager;

public sealed class BatchAndFaultTests
{
    [Fact]
    public async Task BatchGet_ValuesAndPerSecretErrors()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.CreateSecret("a", "1");
        aws.Emulator.CreateSecret("d", "x");
        aws.Emulator.DeleteSecret("d");
        var result = await aws.Client.SecretsManagerAsync("BatchGetSecretValue", new JsonObject { ["SecretIdList"] = new JsonArray("a", "missing", "d") }, aws.Key);
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal("1", result.Json["SecretValues"]!.AsArray().Single()!["SecretString"]!.GetValue<string>());
        var errors = result.Json["Errors"]!.AsArray().Select(e => (e!["SecretId"]!.GetValue<string>(), e["ErrorCode"]!.GetValue<string>())).ToArray();
        Assert.Equal([("missing", "ResourceNotFoundException"), ("d", "InvalidRequestException")], errors);
    }

    [Fact]
    public async Task BatchGet_MoreThanTwenty_ValidationError()
    {
        await using var aws = await AwsFixture.StartAsync();
        var ids = new JsonArray([.. Enumerable.Range(0, 21).Select(i => (JsonNode)$"s{i}")]);
        var result = await aws.Client.SecretsManagerAsync("BatchGetSecretValue", new JsonObject { ["SecretIdList"] = ids }, aws.Key);
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Equal("ValidationException", result.ErrorType);
    }

    [Fact]
    public async Task Throttle_ThenServes_AndLogsEachRequest()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.CreateSecret("s", "v");
        aws.Emulator.Throttle(2);
        var body = new JsonObject { ["SecretId"] = "s" };
        var first = await aws.Client.SecretsManagerAsync("GetSecretValue", body, aws.Key);
        var second = await aws.Client.SecretsManagerAsync("GetSecretValue", body, aws.Key);
        var third = await aws.Client.SecretsManagerAsync("GetSecretValue", body, aws.Key);
        Assert.Equal(("ThrottlingException", HttpStatusCode.BadRequest), (first.ErrorType, first.Status));
        Assert.Equal("Rate exceeded", second.Message);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Equal(3, aws.Emulator.Count("GetSecretValue"));
        Assert.Equal("AKIDEXAMPLE", aws.Emulator.Requests[^1].AccessKeyId);
    }

    [Fact]
    public async Task FailNext_InternalServiceError500()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.FailNext(1, 500, "InternalServiceError");
        var result = await aws.Client.SecretsManagerAsync("GetSecretValue", new JsonObject { ["SecretId"] = "s" }, aws.Key);
        Assert.Equal(HttpStatusCode.InternalServerError, result.Status);
        Assert.Equal("InternalServiceError", result.ErrorTypeHeader);
    }

    [Fact]
    public async Task DropNext_AndStopResume_SamePort()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.CreateSecret("s", "v");
        var body = new JsonObject { ["SecretId"] = "s" };
        aws.Emulator.DropNext(1);
        await Assert.ThrowsAsync<HttpRequestException>(() => aws.Client.SecretsManagerAsync("GetSecretValue", body, aws.Key));
        var address = aws.Emulator.Address;
        await aws.Emulator.StopListeningAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => aws.Client.SecretsManagerAsync("GetSecretValue", body, aws.Key));
        await aws.Emulator.ResumeListeningAsync();
        Assert.Equal(address, aws.Emulator.Address);
        Assert.Equal(HttpStatusCode.OK, (await aws.Client.SecretsManagerAsync("GetSecretValue", body, aws.Key)).Status);
    }
}
