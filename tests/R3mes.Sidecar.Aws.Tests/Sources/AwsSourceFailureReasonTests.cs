using System.Net;
using R3mes.Sidecar.Aws.Client;
using R3mes.Sidecar.Aws.Tests.Support;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Aws.Tests.Sources;

/// <summary>
/// Fault matrix findings (issue 15): the aws source dropped AWS's error, so every failure was <c>other</c> and a
/// burst of 500s never set <c>backend_up</c> to 0; and AWS answers throttling and rejected credentials with 400,
/// which the status alone makes <c>rejected</c>. The error stays the inner exception and its code decides the
/// <c>reason</c> label (docs/metrics.md); the status AWS sent stays what the agent endpoint passes on.
/// </summary>
public sealed class AwsSourceFailureReasonTests
{
    [Theory]
    [InlineData(HttpStatusCode.BadRequest, "ThrottlingException", "throttled")]
    [InlineData(HttpStatusCode.BadRequest, "TooManyRequestsException", "throttled")]
    [InlineData(HttpStatusCode.TooManyRequests, "Throttling", "throttled")]
    [InlineData(HttpStatusCode.BadRequest, "UnrecognizedClientException", "denied")]
    [InlineData(HttpStatusCode.BadRequest, "InvalidSignatureException", "denied")]
    [InlineData(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", "denied")]
    [InlineData(HttpStatusCode.BadRequest, "AccessDeniedException", "denied")]
    [InlineData(HttpStatusCode.BadRequest, "ExpiredTokenException", "denied")]
    [InlineData(HttpStatusCode.Forbidden, "InvalidClientTokenId", "denied")]
    [InlineData(HttpStatusCode.BadRequest, "ResourceNotFoundException", "rejected")]
    [InlineData(HttpStatusCode.BadRequest, "InvalidRequestException", "rejected")]
    [InlineData(HttpStatusCode.InternalServerError, "InternalServiceError", "server")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "server")]
    public async Task Fetch_AwsError_TheCodeDecidesTheReason(HttpStatusCode status, string code, string reason)
    {
        var fake = new ScriptedSecretsManager().On("GetSecretValue", status, $$"""{"__type":"com.amazonaws.secretsmanager#{{code}}","message":"the message"}""", code);
        var source = TestAws.Source(TestAws.Runtime(fake), "r3mes/db");

        var error = await Assert.ThrowsAsync<SecretSourceException>(async () => await source.FetchAsync(default));

        Assert.Equal(reason, FailureReason.Of(error));
        Assert.Equal(status, Assert.IsType<AwsApiException>(error.InnerException).Status);
    }

    [Fact]
    public async Task Fetch_MalformedSuccessBody_IsOther()
    {
        var fake = new ScriptedSecretsManager().On("GetSecretValue", HttpStatusCode.OK, """{"SecretString":"CANARY-5e1d" """);
        var source = TestAws.Source(TestAws.Runtime(fake), "r3mes/db");

        var error = await Assert.ThrowsAsync<SecretSourceException>(async () => await source.FetchAsync(default));

        Assert.Equal("other", FailureReason.Of(error));
    }
}
