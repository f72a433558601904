namespace R3mes.Sidecar.Fuzz.Tests.Harness;

/// <summary>
/// What one input does to a target, judged the same way by the FsCheck property (<see cref="FuzzProperty"/>) and the
/// coverage-guided AFL harness (bench/afl): the target's outcome, or <see cref="FuzzOutcome.Refused"/> for its typed
/// refusal. Anything else escapes — the target's own assertion on an accepted result, an exception that is not a
/// refusal, or a <see cref="CanaryLeakException"/> for a refusal that quotes a planted secret — and is a crash.
/// </summary>
internal static class FuzzVerdict
{
    public static FuzzOutcome Of(IFuzzTarget target, byte[] input)
    {
        try
        {
            return target.Run(input);
        }
        catch (Exception error) when (target.IsRefusal(error))
        {
            if (!target.MessagesMayQuoteInput && Canary.Leaks(error))
            {
                throw new CanaryLeakException($"the refusal quotes a planted secret value: {Canary.Messages(error)}", error);
            }

            return FuzzOutcome.Refused;
        }
    }
}
