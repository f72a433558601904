using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Core.Tests.Diagnostics;

/// <summary>Every error maps to one of the fixed <c>reason</c> label values; a message never becomes a label.</summary>
public sealed class ErrorReasonTests
{
    [Fact]
    public void Of_MapsEachKindOfFailure()
    {
        Assert.Equal("unavailable", ErrorReason.Of(new SecretSourceException("down")));
        Assert.Equal("rejected", ErrorReason.Of(new SecretSourceException("bad mount", transient: false)));
        Assert.Equal("render", ErrorReason.Of(new SecretFormatException("missing field")));
        Assert.Equal("write", ErrorReason.Of(new OutputException("symlink")));
        Assert.Equal("unavailable", ErrorReason.Of(new HttpRequestException("refused")));
        Assert.Equal("unavailable", ErrorReason.Of(new TimeoutException()));
        Assert.Equal("denied", ErrorReason.Of(new Known("denied")));
        Assert.Equal("other", ErrorReason.Of(new Known("CANARY-not-a-reason")));
        Assert.Equal("write", ErrorReason.Of(new InvalidOperationException("wrapped", new OutputException("x"))));
        Assert.Equal("other", ErrorReason.Of(new InvalidOperationException("no cause")));
    }

    private sealed class Known(string reason) : Exception("known"), IErrorReason
    {
        public string ErrorReason => reason;
    }
}
