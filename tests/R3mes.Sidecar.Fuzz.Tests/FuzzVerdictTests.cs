using R3mes.Sidecar.Fuzz.Tests.Harness;

namespace R3mes.Sidecar.Fuzz.Tests;

/// <summary>
/// The judge both halves share (the FsCheck properties and the AFL harness in bench/afl): a typed refusal counts as
/// refused, everything else that escapes a target is a crash.
/// </summary>
public sealed class FuzzVerdictTests
{
    [Fact]
    public void Of_TargetAnswers_ItsOutcome() =>
        Assert.Equal(FuzzOutcome.Accepted, FuzzVerdict.Of(new ScriptedTarget(_ => FuzzOutcome.Accepted), [1]));

    [Fact]
    public void Of_TypedRefusal_IsRefused() =>
        Assert.Equal(FuzzOutcome.Refused, FuzzVerdict.Of(new ScriptedTarget(_ => throw new FormatException("bad input")), [1]));

    [Fact]
    public void Of_OtherException_EscapesAsACrash() =>
        Assert.Throws<InvalidOperationException>(() => FuzzVerdict.Of(new ScriptedTarget(_ => throw new InvalidOperationException("bug")), [1]));

    [Fact]
    public void Of_RefusalQuotingTheCanary_IsACrashWhenMessagesMayNotQuoteInput()
    {
        var leaking = new ScriptedTarget(_ => throw new FormatException("value " + Canary.Value), messagesMayQuoteInput: false);

        var e = Assert.Throws<CanaryLeakException>(() => FuzzVerdict.Of(leaking, [1]));

        Assert.IsType<FormatException>(e.InnerException);
    }

    [Fact]
    public void Of_RefusalQuotingTheInput_IsRefusedWhenMessagesMayQuoteInput() =>
        Assert.Equal(FuzzOutcome.Refused, FuzzVerdict.Of(new ScriptedTarget(_ => throw new FormatException("value " + Canary.Value)), [1]));

    /// <summary>A target that does what it is told; <see cref="FormatException"/> is its typed refusal.</summary>
    private sealed class ScriptedTarget(Func<byte[], FuzzOutcome> run, bool messagesMayQuoteInput = true) : IFuzzTarget
    {
        public string Name => "scripted";

        public IReadOnlyList<byte[]> Seeds { get; } = [];

        public IReadOnlyList<byte[]> Dictionary { get; } = [];

        public bool MessagesMayQuoteInput => messagesMayQuoteInput;

        public FuzzOutcome Run(byte[] input) => run(input);

        public bool IsRefusal(Exception error) => error is FormatException;
    }
}
