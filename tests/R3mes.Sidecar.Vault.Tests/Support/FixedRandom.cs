namespace R3mes.Sidecar.Vault.Tests.Support;

/// <summary>A <see cref="Random"/> whose <see cref="NextDouble"/> is always <paramref name="value"/>, to pin jitter at its bounds.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
