using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Aws.Agent;
using R3mes.Sidecar.Aws.Client;
using R3mes.Sidecar.Fuzz.Tests.Harness;

namespace R3mes.Sidecar.Fuzz.Tests.Targets;

/// <summary>
/// Requests to the AWS-agent-compatible endpoint through <see cref="AgentRequestHandler"/>: the input is
/// <c>METHOD TARGET\nTOKEN\nF</c> (F = 1: X-Forwarded-For present). Every answer is one of the agent's statuses; a
/// secret body (the canary) is served only with 200, to a GET with the right token and no X-Forwarded-For.
/// </summary>
internal sealed class AgentRequestTarget : IFuzzTarget
{
    private const string Token = "agent-token-7f3e";

    public string Name => "aws agent requests";

    public IReadOnlyList<byte[]> Seeds { get; } = Utf8Input.All(
        $"GET /secretsmanager/get?secretId=r3mes%2Fapi\n{Token}\n0",
        $"GET /v1/r3mes/api\n{Token}\n0",
        $"GET /secretsmanager/get?secretId=r3mes/api&versionStage=AWSPREVIOUS&refreshNow=true\n{Token}\n0",
        $"GET /secretsmanager/get?secretId=missing\n{Token}\n0",
        $"GET /ping\n\n0",
        $"POST /v1/r3mes/api\n{Token}\n0",
        $"GET /v1/r3mes/api\nwrong\n0",
        $"GET /v1/r3mes/api\n{Token}\n1");

    public IReadOnlyList<byte[]> Dictionary { get; } = Utf8Input.All(
        "?", "&", "=", "%", "%2F", "%00", "%zz", "secretId=", "versionId=", "versionStage=", "refreshNow=", "true", "/v1/", "/secretsmanager/get",
        "/ping", "\n", Token, "GET ", "..", "+", "#");

    public bool MessagesMayQuoteInput => true;

    public FuzzOutcome Run(byte[] input)
    {
        var lines = Encoding.UTF8.GetString(input).Split('\n');
        var first = lines[0].Split(' ', 2);
        var request = new AgentRequest(first[0], first.Length > 1 ? first[1] : "", lines.Length > 1 && lines[1].Length > 0 ? lines[1] : null, lines.Length > 2 && lines[2] == "1");
        var cache = new AgentCache(new Reader(), TimeSpan.FromMinutes(5), 100, TimeProvider.System);
        var handler = new AgentRequestHandler(cache, AgentToken.Load(Token, _ => null, _ => ""), NullLogger<AgentRequestHandler>.Instance);
        var response = handler.HandleAsync(request, CancellationToken.None).GetAwaiter().GetResult();
        Assert.Contains(response.Status, new[] { 200, 400, 403, 404, 405, 500, 502, 504 });
        var served = Encoding.UTF8.GetString(response.Body).Contains(Canary.Value, StringComparison.Ordinal);
        if (served)
        {
            Assert.Equal(200, response.Status);
            Assert.Equal("GET", request.Method);
            Assert.Equal(Token, request.Token);
            Assert.False(request.Forwarded);
        }

        if (request.Token != Token && !request.Target.StartsWith("/ping", StringComparison.Ordinal))
        {
            Assert.False(served);
            Assert.NotEqual(200, response.Status);
        }

        return response.Status == 200 ? FuzzOutcome.Accepted : FuzzOutcome.Refused;
    }

    public bool IsRefusal(Exception error) => false;

    /// <summary>One secret, <c>r3mes/api</c>, whose value is the canary; any other id is ResourceNotFoundException.</summary>
    private sealed class Reader : ISecretValueReader
    {
        public Task<(GetSecretValueResponse Value, byte[] Body)> GetSecretValueAsync(GetSecretValueRequest request, CancellationToken cancellationToken)
        {
            if (request.SecretId != "r3mes/api")
            {
                throw new AwsApiException("GetSecretValue", HttpStatusCode.BadRequest, "ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
            }

            var body = Encoding.UTF8.GetBytes($$"""{"Name":"r3mes/api","VersionId":"v-1","SecretString":"{{Canary.Value}}","VersionStages":["AWSCURRENT"]}""");
            return Task.FromResult((new GetSecretValueResponse { Name = "r3mes/api", VersionId = "v-1", SecretString = Canary.Value, VersionStages = ["AWSCURRENT"] }, body));
        }

        public Task<DescribeSecretResponse> DescribeSecretAsync(string secretId, CancellationToken cancellationToken) =>
            Task.FromResult(new DescribeSecretResponse { VersionIdsToStages = new() { ["v-1"] = ["AWSCURRENT"] } });
    }
}
