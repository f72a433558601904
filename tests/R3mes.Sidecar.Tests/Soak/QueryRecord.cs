namespace R3mes.Sidecar.Tests.Soak;

/// <summary>One <c>GET /query</c> of the example backend: when it started, whether it succeeded, the user it ran as (or the failure).</summary>
internal sealed record QueryRecord(TimeSpan Started, bool Ok, string Body);
