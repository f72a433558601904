namespace R3mes.Sidecar.Secrets;

/// <summary>What a source returns for one secret: the whole value, named fields, and how fresh it is.</summary>
public sealed class SecretData
{
    private static readonly IReadOnlyDictionary<string, SecretValue> NoFields =
        new Dictionary<string, SecretValue>(StringComparer.Ordinal);

    public SecretData(SecretValue? raw, IReadOnlyDictionary<string, SecretValue>? fields, Freshness freshness)
    {
        Raw = raw;
        Fields = fields ?? NoFields;
        Freshness = freshness;
    }

    /// <summary>The whole value, when the source has one (a single file, an environment variable, a SecretString).</summary>
    public SecretValue? Raw { get; }

    /// <summary>Named fields: a directory's files, a KV secret's keys, a JSON object's members.</summary>
    public IReadOnlyDictionary<string, SecretValue> Fields { get; }

    public Freshness Freshness { get; }
}
