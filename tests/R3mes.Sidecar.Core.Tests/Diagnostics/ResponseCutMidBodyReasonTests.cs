using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Core.Tests.Diagnostics;

/// <summary>
/// Issue 15, fault matrix finding: a Vault answer cut by a reset in the middle of its body surfaced as
/// <c>HttpIOException</c> (not an <c>HttpRequestException</c>) and was counted as <c>other</c>, with the backend
/// still reported up. A connection reset is <c>unreachable</c> (docs/metrics.md).
/// </summary>
public sealed class ResponseCutMidBodyReasonTests
{
    [Fact]
    public void Of_ResponseEndedPrematurely_IsUnreachableAndMeansDown()
    {
        var cut = new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.");

        Assert.Equal("unreachable", FailureReason.Of(cut));
        Assert.Equal("unreachable", FailureReason.Of(new SecretSourceException("vault secret/r3mes/app: read failed", cut)));
        Assert.True(FailureReason.MeansDown(FailureReason.Of(cut)));
    }
}
