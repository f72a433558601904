namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>A secret: name, ARN (name plus six random characters), versions and the dates DescribeSecret reports.</summary>
internal sealed class EmulatedSecret
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public required DateTimeOffset Created { get; init; }

    public DateTimeOffset LastChanged { get; set; }

    public DateTimeOffset? LastRotated { get; set; }

    public DateTimeOffset? LastAccessed { get; set; }

    public DateTimeOffset? Deleted { get; set; }

    public bool RotationEnabled { get; set; }

    public List<SecretVersion> Versions { get; } = [];

    public SecretVersion? WithStage(string stage) => Versions.FirstOrDefault(v => v.Stages.Contains(stage));
}
