namespace R3mes.Sidecar.Fuzz.Tests.Harness;

/// <summary>
/// One piece of product code fed arbitrary bytes. <see cref="Run"/> returns what the code did, after checking that
/// an accepted result is valid; it throws only for a typed refusal the product is meant to raise (then
/// <see cref="IsRefusal"/> is true for it) or for a bug (anything else: the property fails).
/// </summary>
internal interface IFuzzTarget
{
    string Name { get; }

    /// <summary>Valid inputs the mutator starts from.</summary>
    IReadOnlyList<byte[]> Seeds { get; }

    /// <summary>Tokens of the input's language the mutator splices in (<c>{{</c>, <c>&amp;a</c>, <c>"lease_id"</c>…).</summary>
    IReadOnlyList<byte[]> Dictionary { get; }

    FuzzOutcome Run(byte[] input);

    /// <summary>True for the exception types the product raises on bad input (typed, value-free messages).</summary>
    bool IsRefusal(Exception error);

    /// <summary>True when a refusal's message may quote the input (configuration text, not secret values).</summary>
    bool MessagesMayQuoteInput { get; }
}
