using R3mes.Sidecar.Output;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Core.Tests.Pipeline;

public sealed class FailureTests
{
    [Fact]
    public void Describe_OwnExceptions_MessageOnly()
    {
        Assert.Equal("env X: not set", Failure.Describe(new SecretSourceException("env X: not set")));
        Assert.Equal("bad", Failure.Describe(new SecretFormatException("bad")));
        Assert.Equal("could not write x", Failure.Describe(new OutputException("could not write x")));
    }

    [Fact]
    public void Describe_OtherException_TypeAndMessageWithoutInner() =>
        Assert.Equal("IOException: outer", Failure.Describe(new IOException("outer", new InvalidOperationException("CANARY-inner"))));

    [Fact]
    public void Describe_Cancellation_Timeout() =>
        Assert.Equal("timed out or cancelled", Failure.Describe(new TaskCanceledException("x")));

    [Fact]
    public void IsTransient_ByKind()
    {
        Assert.True(Failure.IsTransient(new SecretSourceException("x")));
        Assert.False(Failure.IsTransient(new SecretSourceException("x", transient: false)));
        Assert.False(Failure.IsTransient(new SecretFormatException("x")));
        Assert.False(Failure.IsTransient(new OutputException("x")));
    }
}
