namespace R3mes.Sidecar.Operator.Backup;

/// <summary>
/// Argon2id cost (RFC 9106's second recommended option: 64 MiB, 3 passes, 4 lanes). A restore accepts at most
/// <see cref="Maximum"/>, so an altered header cannot make it allocate without bound before the tag is checked.
/// </summary>
internal sealed record KdfParameters(int MemoryKiB, int Iterations, int Parallelism)
{
    public static KdfParameters Default { get; } = new(64 * 1024, 3, 4);

    public static KdfParameters Maximum { get; } = new(1024 * 1024, 16, 16);

    public bool WithinLimits => MemoryKiB is >= 8 and <= 1024 * 1024 && Iterations is >= 1 and <= 16 && Parallelism is >= 1 and <= 16
        && MemoryKiB >= 8 * Parallelism;
}
