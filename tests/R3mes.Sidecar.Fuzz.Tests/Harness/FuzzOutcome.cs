namespace R3mes.Sidecar.Fuzz.Tests.Harness;

/// <summary>What a target did with one input: a valid result, or a typed, value-free refusal.</summary>
internal enum FuzzOutcome
{
    Accepted,
    Refused,
}
