namespace R3mes.Sidecar.Tests.Support.Faults;

/// <summary>What <see cref="FaultProxy"/> does with the connections it accepts from now on.</summary>
internal enum FaultMode
{
    /// <summary>Forward both ways.</summary>
    Pass,

    /// <summary>No listener: connecting is refused (a stopped backend, a closed port).</summary>
    Refuse,

    /// <summary>Accept and never answer (a hung backend, a firewall that drops packets after the handshake).</summary>
    BlackHole,

    /// <summary>Forward the request, the answer's head and <see cref="FaultProxy.ResetAfterBytes"/> bytes of its body, then RST.</summary>
    ResetMidBody,

    /// <summary>Forward the request, then the answer one byte per second.</summary>
    Slow,
}
