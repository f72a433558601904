namespace R3mes.Sidecar.Fuzz.Tests.Harness;

/// <summary>One generated input: which seed it grew from and the random stream that mutated it (enough to rebuild it).</summary>
internal sealed record FuzzCase(int SeedIndex, int MutationSeed, bool RawRandom)
{
    public byte[] Build(IFuzzTarget target)
    {
        var random = new Random(MutationSeed);
        if (RawRandom || target.Seeds.Count == 0)
        {
            return Mutator.RandomBytes(random, random.Next(random.Next(2) == 0 ? 64 : 4096));
        }

        var seed = target.Seeds[SeedIndex % target.Seeds.Count];
        // Some cases are the seed itself, so every seed is proven valid (accepted) by the run.
        return MutationSeed % 50 == 0 ? seed : Mutator.Mutate(seed, target.Seeds, target.Dictionary, random);
    }

    public override string ToString() =>
        RawRandom ? $"random bytes from mutation seed {MutationSeed}" : $"seed input #{SeedIndex} mutated by seed {MutationSeed}";
}
