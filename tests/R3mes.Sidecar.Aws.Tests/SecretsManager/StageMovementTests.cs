using System.Text.Json.Nodes;
using R3mes.Sidecar.Aws.Emulator;
using R3mes.Sidecar.Aws.Tests.Support;

namespace R3mes.Sidecar.Aws.Tests.SecretsManager;

public sealed class StageMovementTests
{
    [Fact]
    public async Task PutSecretValue_NewIsCurrentOldIsPrevious_OlderLosesStages()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.CreateSecret("s", "v1");
        var first = aws.Emulator.VersionWithStage("s", AwsEmulator.Current)!;
        var second = aws.Emulator.PutSecretValue("s", "v2");
        var third = aws.Emulator.PutSecretValue("s", "v3");

        var stages = await StagesAsync(aws, "s");
        Assert.Equal(["AWSCURRENT"], stages[third]);
        Assert.Equal(["AWSPREVIOUS"], stages[second]);
        Assert.False(stages.ContainsKey(first));
        var previous = await aws.Client.SecretsManagerAsync("GetSecretValue", new JsonObject { ["SecretId"] = "s", ["VersionStage"] = "AWSPREVIOUS" }, aws.Key);
        Assert.Equal("v2", previous.Json["SecretString"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rotate_PendingThenCurrent_PreviousKeptAndRotationDates()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.CreateSecret("s", "v1");
        var old = aws.Emulator.VersionWithStage("s", AwsEmulator.Current)!;
        var pending = aws.Emulator.StagePending("s", "v2");

        var during = await StagesAsync(aws, "s");
        Assert.Equal(["AWSPENDING"], during[pending]);
        Assert.Equal(["AWSCURRENT"], during[old]);
        var read = await aws.Client.SecretsManagerAsync("GetSecretValue", new JsonObject { ["SecretId"] = "s" }, aws.Key);
        Assert.Equal("v1", read.Json["SecretString"]!.GetValue<string>());

        aws.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(pending, aws.Emulator.FinishRotation("s"));
        var after = await StagesAsync(aws, "s");
        Assert.Equal(["AWSCURRENT"], after[pending]);
        Assert.Equal(["AWSPREVIOUS"], after[old]);
        var describe = await aws.Client.SecretsManagerAsync("DescribeSecret", new JsonObject { ["SecretId"] = "s" }, aws.Key);
        Assert.True(describe.Json["RotationEnabled"]!.GetValue<bool>());
        Assert.Contains("\"LastRotatedDate\":1748779260.000", describe.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlternateUsersRotation_FlipsUserAndPassword()
    {
        await using var aws = await AwsFixture.StartAsync();
        aws.Emulator.CreateSecret("pg", "{\"engine\":\"postgres\",\"username\":\"app\",\"password\":\"a\"}");
        var first = JsonNode.Parse(aws.Emulator.AlternateUsersRotation("pg", "b"))!;
        var second = JsonNode.Parse(aws.Emulator.AlternateUsersRotation("pg", "c"))!;
        Assert.Equal("app_clone", first["username"]!.GetValue<string>());
        Assert.Equal("app", second["username"]!.GetValue<string>());
        Assert.Equal("c", second["password"]!.GetValue<string>());
    }

    [Fact]
    public async Task PutSecretValueOverHttp_MovesStages()
    {
        await using var aws = await AwsFixture.StartAsync();
        var created = await aws.Client.SecretsManagerAsync("CreateSecret", new JsonObject { ["Name"] = "h", ["SecretString"] = "v1" }, aws.Key);
        var put = await aws.Client.SecretsManagerAsync("PutSecretValue", new JsonObject { ["SecretId"] = "h", ["SecretString"] = "v2" }, aws.Key);
        var stages = await StagesAsync(aws, "h");
        Assert.Equal(["AWSPREVIOUS"], stages[created.Json["VersionId"]!.GetValue<string>()]);
        Assert.Equal(["AWSCURRENT"], stages[put.Json["VersionId"]!.GetValue<string>()]);
    }

    private static async Task<Dictionary<string, string[]>> StagesAsync(AwsFixture aws, string name)
    {
        var describe = await aws.Client.SecretsManagerAsync("DescribeSecret", new JsonObject { ["SecretId"] = name }, aws.Key);
        return describe.Json["VersionIdsToStages"]!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.AsArray().Select(s => s!.GetValue<string>()).ToArray(), StringComparer.Ordinal);
    }
}
