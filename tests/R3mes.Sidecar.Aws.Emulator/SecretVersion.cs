namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>One version of a secret: a UUID, its value (string or binary) and the stages it carries.</summary>
internal sealed class SecretVersion
{
    public required string Id { get; init; }

    public string? String { get; init; }

    public byte[]? Binary { get; init; }

    public required DateTimeOffset Created { get; init; }

    public HashSet<string> Stages { get; } = new(StringComparer.Ordinal);
}
