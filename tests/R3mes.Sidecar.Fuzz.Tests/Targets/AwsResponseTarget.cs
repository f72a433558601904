using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using R3mes.Sidecar.Aws;
using R3mes.Sidecar.Aws.Client;
using R3mes.Sidecar.Aws.Sources;
using R3mes.Sidecar.Fuzz.Tests.Harness;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Fuzz.Tests.Targets;

/// <summary>
/// Secrets Manager response bodies through <see cref="SecretsManagerClient"/> and <see cref="AwsSource"/>: the first
/// byte picks the answer it replaces (GetSecretValue on the first read, DescribeSecret on the second, or
/// BatchGetSecretValue) and its status. A refusal is an <see cref="AwsApiException"/> or
/// <see cref="SecretSourceException"/>; for a 2xx body (a value) its message never quotes the canary.
/// </summary>
internal sealed class AwsResponseTarget : IFuzzTarget
{
    private const string SecretId = "r3mes/api";
    private static readonly HttpStatusCode[] Statuses = [HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.InternalServerError, HttpStatusCode.TooManyRequests, HttpStatusCode.NoContent];
    private static readonly string GetBody =
        $$"""{"ARN":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:r3mes/api-AbCdEf","Name":"r3mes/api","VersionId":"v-1","SecretString":"{\"api_key\":\"{{Canary.Value}}\",\"n\":1}","VersionStages":["AWSCURRENT"],"CreatedDate":1.523477145713E9}""";
    private const string DescribeBody =
        """{"ARN":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:r3mes/api-AbCdEf","Name":"r3mes/api","VersionIdsToStages":{"v-2":["AWSCURRENT"],"v-1":["AWSPREVIOUS"]},"LastChangedDate":1.523477145729E9}""";

    public string Name => "aws response bodies";

    public IReadOnlyList<byte[]> Seeds { get; } =
    [
        [0, .. Encoding.UTF8.GetBytes(GetBody)],
        [0, .. Encoding.UTF8.GetBytes(GetBody.Replace("\"SecretString\":\"{\\\"api_key\\\":\\\"" + Canary.Value + "\\\",\\\"n\\\":1}\"", "\"SecretBinary\":\"" + Convert.ToBase64String(Canary.Utf8) + "\"", StringComparison.Ordinal))],
        [1, .. Encoding.UTF8.GetBytes(DescribeBody)],
        [2, .. Encoding.UTF8.GetBytes($$"""{"SecretValues":[{{GetBody}}],"Errors":[{"SecretId":"x","ErrorCode":"ResourceNotFoundException","Message":"not found"}]}""")],
        [0x88, .. """{"__type":"com.amazonaws.secretsmanager#ResourceNotFoundException","message":"Secrets Manager can't find the specified secret."}"""u8],
    ];

    public IReadOnlyList<byte[]> Dictionary { get; } = Utf8Input.All(
        "null", "\"SecretString\":", "\"SecretBinary\":", "\"VersionIdsToStages\":{", "\"DeletedDate\":", "\"__type\":", "\"Message\":",
        "[", "]", "{", "}", "1e999", "\"\\ud800\"", "\"VersionId\":", "\"AWSCURRENT\"", "\"v-1\":null", "\"Errors\":[", Canary.Value);

    public bool MessagesMayQuoteInput => true; // checked in Run, for 2xx bodies

    public FuzzOutcome Run(byte[] input)
    {
        var choice = input.Length == 0 ? (byte)0 : input[0];
        var status = (choice & 0x80) == 0 ? HttpStatusCode.OK : Statuses[(choice >> 3) % Statuses.Length];
        var fuzzed = ((choice & 0x7f) % 3) switch { 0 => "GetSecretValue", 1 => "DescribeSecret", _ => "BatchGetSecretValue" };
        var body = input.AsSpan(Math.Min(1, input.Length)).ToArray();
        var handler = new Answers(fuzzed, status, body);
        var client = new SecretsManagerClient(new HttpClient(handler), new Uri("http://secretsmanager.test/"), ResiliencePipeline<HttpResponseMessage>.Empty);
        try
        {
            if (fuzzed == "BatchGetSecretValue")
            {
                var batch = client.BatchGetSecretValueAsync([SecretId, "x"], CancellationToken.None).GetAwaiter().GetResult();
                Assert.NotNull(batch);
                return FuzzOutcome.Accepted;
            }

            var runtime = new AwsRuntime(() => null, TimeProvider.System, _ => null, client);
            var source = new AwsSource(runtime, SecretId, null, null, null, NullLogger.Instance);
            var data = source.FetchAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
            Assert.True(data.Raw is not null || data.Fields is not null);
            if (fuzzed == "DescribeSecret")
            {
                data = source.FetchAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
                Assert.NotNull(data.Raw);
            }

            return FuzzOutcome.Accepted;
        }
        catch (Exception e) when (IsRefusal(e) && (int)status < 300)
        {
            Assert.False(Canary.Leaks(e), $"the refusal quotes a planted secret value: {Canary.Messages(e)}");
            throw;
        }
    }

    public bool IsRefusal(Exception error) => error is AwsApiException or SecretSourceException;

    /// <summary>Valid answers for every operation but the fuzzed one, which gets the input.</summary>
    private sealed class Answers(string fuzzed, HttpStatusCode status, byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var operation = request.Headers.GetValues("X-Amz-Target").Single()["secretsmanager.".Length..];
            var (code, bytes) = operation == fuzzed ? (status, body) : (HttpStatusCode.OK, Encoding.UTF8.GetBytes(operation == "DescribeSecret" ? DescribeBody : GetBody));
            return Task.FromResult(new HttpResponseMessage(code) { Content = new ByteArrayContent(bytes) });
        }
    }
}
