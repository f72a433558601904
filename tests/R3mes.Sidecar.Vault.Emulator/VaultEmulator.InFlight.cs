using System.Collections.Concurrent;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// Requests being handled at once (the most ever seen) and lease renewals per wall-clock second: what a benchmark
/// reads to check a client's concurrency limit and how evenly it spreads renewals.
/// </summary>
public sealed partial class VaultEmulator
{
    private readonly ConcurrentDictionary<long, int> _renewalsBySecond = new();
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>The most requests ever handled at the same time since start.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary><c>sys/leases/renew</c> calls counted per Unix second of their arrival.</summary>
    public IReadOnlyDictionary<long, int> RenewalsBySecond => new Dictionary<long, int>(_renewalsBySecond);

    private InFlightRequest EnterRequest(string path)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        if (path.TrimEnd('/') == "/v1/sys/leases/renew")
        {
            _renewalsBySecond.AddOrUpdate(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), 1, (_, n) => n + 1);
        }

        return new InFlightRequest(this);
    }

    private readonly struct InFlightRequest(VaultEmulator emulator) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref emulator._inFlight);
    }
}
