using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Aws.Tests.Support;
using R3mes.Sidecar.Vault.Emulator;

namespace R3mes.Sidecar.Aws.Tests.Vault;

/// <summary>The Vault emulator's aws auth forwards the signed GetCallerIdentity to the AWS emulator's STS.</summary>
public sealed class VaultAwsAuthTests
{
    private const string Role = "arn:aws:iam::123456789012:role/app";

    [Fact]
    public async Task SignedLogin_IssuesTokenWithIamMetadata()
    {
        await using var aws = await AwsFixture.StartAsync();
        await using var vault = await StartVaultAsync(aws, "vault.example.com");
        var key = aws.Emulator.IssueTemporaryCredentials("arn:aws:sts::123456789012:assumed-role/app/pod", TimeSpan.FromHours(1));

        var (status, body) = await LoginAsync(vault, VaultAwsLogin.Build(Signer(aws, key), aws.Emulator.Address, "app", "vault.example.com"));

        Assert.Equal(HttpStatusCode.OK, status);
        var auth = body["auth"]!;
        Assert.StartsWith("hvs.", auth["client_token"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("iam", auth["metadata"]!["auth_type"]!.GetValue<string>());
        Assert.Equal("123456789012", auth["metadata"]!["account_id"]!.GetValue<string>());
        Assert.Equal(Role, auth["metadata"]!["canonical_arn"]!.GetValue<string>());
        Assert.Equal(["default", "app-read"], auth["policies"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.Equal(1200, auth["lease_duration"]!.GetValue<long>());
        Assert.Equal(1, aws.Emulator.Count("GetCallerIdentity"));
    }

    [Fact]
    public async Task WrongServerId_400WithVaultMessage()
    {
        await using var aws = await AwsFixture.StartAsync();
        await using var vault = await StartVaultAsync(aws, "vault.example.com");
        var key = aws.Emulator.IssueTemporaryCredentials("arn:aws:sts::123456789012:assumed-role/app/pod", TimeSpan.FromHours(1));

        var (status, body) = await LoginAsync(vault, VaultAwsLogin.Build(Signer(aws, key), aws.Emulator.Address, "app", "other.example.com"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("error validating X-Vault-AWS-IAM-Server-ID header: expected \"vault.example.com\" but got \"other.example.com\"", Error(body));

        var (missingStatus, missing) = await LoginAsync(vault, VaultAwsLogin.Build(Signer(aws, key), aws.Emulator.Address, "app", null));
        Assert.Equal(HttpStatusCode.BadRequest, missingStatus);
        Assert.Contains("missing header", Error(missing), StringComparison.Ordinal);
        Assert.Equal(0, aws.Emulator.Count("GetCallerIdentity"));
    }

    [Fact]
    public async Task ServerIdNotSigned_400()
    {
        await using var aws = await AwsFixture.StartAsync();
        await using var vault = await StartVaultAsync(aws, "vault.example.com");
        var key = aws.Emulator.IssueTemporaryCredentials("arn:aws:sts::123456789012:assumed-role/app/pod", TimeSpan.FromHours(1));
        var login = VaultAwsLogin.Build(Signer(aws, key), aws.Emulator.Address, "app", null);
        var headers = JsonNode.Parse(Convert.FromBase64String(login["iam_request_headers"]!.GetValue<string>()))!.AsObject();
        headers["X-Vault-Aws-Iam-Server-Id"] = new JsonArray("vault.example.com");
        login["iam_request_headers"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(headers.ToJsonString()));

        var (status, body) = await LoginAsync(vault, login);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("error validating X-Vault-AWS-IAM-Server-ID header: vault header wasn't signed", Error(body));
    }

    [Fact]
    public async Task PrincipalNotBound_400()
    {
        await using var aws = await AwsFixture.StartAsync();
        await using var vault = await StartVaultAsync(aws, null);
        var key = aws.Emulator.IssueTemporaryCredentials("arn:aws:sts::123456789012:assumed-role/intruder/pod", TimeSpan.FromHours(1));

        var (status, body) = await LoginAsync(vault, VaultAwsLogin.Build(Signer(aws, key), aws.Emulator.Address, "app", null));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("IAM Principal \"arn:aws:sts::123456789012:assumed-role/intruder/pod\" does not belong to the role \"app\"", Error(body));
    }

    [Fact]
    public async Task BadSignature_UpstreamErrorFromSts()
    {
        await using var aws = await AwsFixture.StartAsync();
        await using var vault = await StartVaultAsync(aws, null);
        var key = aws.Emulator.IssueTemporaryCredentials("arn:aws:sts::123456789012:assumed-role/app/pod", TimeSpan.FromHours(1));

        var (status, body) = await LoginAsync(vault, VaultAwsLogin.Build(Signer(aws, key with { SecretKey = "wrong" }), aws.Emulator.Address, "app", null));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("error making upstream request: received error code 403 from STS:", Error(body), StringComparison.Ordinal);
        Assert.Contains("SignatureDoesNotMatch", Error(body), StringComparison.Ordinal);
    }

    private static async Task<VaultEmulator> StartVaultAsync(AwsFixture aws, string? serverId)
    {
        var vault = await VaultEmulator.StartAsync();
        vault.EnableAwsAuth(aws.Emulator.Address, serverId);
        vault.AddAwsRole("app", Role, ["app-read"], TimeSpan.FromMinutes(20));
        return vault;
    }

    private static TestSigner Signer(AwsFixture aws, Aws.Emulator.AwsCredential key) =>
        new(key.AccessKeyId, key.SecretKey, key.SessionToken, "us-east-1", "sts", aws.Time.GetUtcNow());

    private static string Error(JsonObject body) => body["errors"]![0]!.GetValue<string>();

    private static async Task<(HttpStatusCode Status, JsonObject Body)> LoginAsync(VaultEmulator vault, JsonObject login)
    {
        using var http = new HttpClient();
        using var content = new StringContent(login.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri(vault.Address, "v1/auth/aws/login"), content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
