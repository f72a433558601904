using System.Net;
using R3mes.Sidecar.Aws.Client;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Aws.Tests.Client;

/// <summary>
/// Fault matrix finding (issue 15): AWS answers throttling and rejected credentials with 400, which the status alone
/// made <c>rejected</c>. The error code decides the <c>reason</c> label (docs/metrics.md); the status AWS sent stays
/// what the agent endpoint passes on.
/// </summary>
public sealed class AwsFailureReasonTests
{
    [Theory]
    [InlineData(400, "ThrottlingException", "throttled")]
    [InlineData(400, "TooManyRequestsException", "throttled")]
    [InlineData(429, "Throttling", "throttled")]
    [InlineData(400, "UnrecognizedClientException", "denied")]
    [InlineData(400, "InvalidSignatureException", "denied")]
    [InlineData(403, "SignatureDoesNotMatch", "denied")]
    [InlineData(400, "AccessDeniedException", "denied")]
    [InlineData(400, "ExpiredTokenException", "denied")]
    [InlineData(403, "InvalidClientTokenId", "denied")]
    [InlineData(400, "ResourceNotFoundException", "rejected")]
    [InlineData(400, "InvalidRequestException", "rejected")]
    [InlineData(500, "InternalServiceError", "server")]
    [InlineData(503, "ServiceUnavailable", "server")]
    public void Of_AwsError_TheCodeDecidesTheReason(int status, string code, string reason)
    {
        var error = new AwsApiException("GetSecretValue", (HttpStatusCode)status, code, "message");

        Assert.Equal(reason, FailureReason.Of(error));
        Assert.Equal(reason, FailureReason.Of(new SecretSourceException("aws app: failed", error)));
        Assert.Equal((HttpStatusCode)status, error.Status);
    }
}
