namespace R3mes.Sidecar.Vault.Leases;

/// <summary>
/// How a leased secret is replaced (docs/CONTRACT.md §6): at <see cref="RotateAt"/> of its lifetime (default 0.85 for a renewable
/// lease that reached its max TTL, 0.90 for a non-renewable one; ±0.05 jitter each), and the old lease revoked
/// <see cref="RevokeGrace"/> after the replacement is written.
/// </summary>
internal sealed record LeasePolicy(double? RotateAt, TimeSpan RevokeGrace)
{
    public const double RenewableRotateAt = 0.85;
    public const double NonRenewableRotateAt = 0.90;
    public const double Jitter = 0.05;

    public static readonly TimeSpan DefaultRevokeGrace = TimeSpan.FromSeconds(60);

    public static LeasePolicy Default { get; } = new(null, DefaultRevokeGrace);

    /// <summary>This lease's rotation point as a fraction of its lifetime, drawn once with jitter.</summary>
    public double DrawRotateFraction(bool renewable, Random random)
    {
        var center = RotateAt ?? (renewable ? RenewableRotateAt : NonRenewableRotateAt);
        return Lifetimes.Jitter.Fraction(center, Jitter, random);
    }
}
