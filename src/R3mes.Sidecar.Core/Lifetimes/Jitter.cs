namespace R3mes.Sidecar.Lifetimes;

/// <summary>
/// The one jitter formula: a value drawn uniformly within <c>center ± spread</c> from the injected
/// <see cref="Random"/>. Backoff (±20%), periodic refreshes (±10%), lease rotation and certificate re-issue points
/// (±0.05 of the lifetime) and Vault's renewal grace (10–20% = 0.15 ± 0.05) all draw through it.
/// </summary>
public static class Jitter
{
    public static double Spread(double center, double spread, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return center + (((random.NextDouble() * 2) - 1) * spread);
    }

    /// <summary><paramref name="value"/> stretched or shortened by up to <paramref name="fraction"/> of itself.</summary>
    public static TimeSpan Around(TimeSpan value, double fraction, Random random) => value * Spread(1, fraction, random);

    /// <summary>A fraction of a lifetime (a rotation or re-issue point) with jitter, kept inside 0.05–0.99.</summary>
    public static double Fraction(double center, double spread, Random random) => Math.Clamp(Spread(center, spread, random), 0.05, 0.99);
}
