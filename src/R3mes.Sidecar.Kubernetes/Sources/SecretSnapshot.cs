using R3mes.Sidecar.Kubernetes.Client;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Kubernetes.Sources;

/// <summary>
/// What the API server last said about one Secret: its <c>data</c> (base64, as sent) or that it does not exist,
/// and the object's resource version.
/// </summary>
internal sealed record SecretSnapshot(IReadOnlyDictionary<string, string>? Data, string? ResourceVersion)
{
    private const int NotFound = 404;

    public bool Exists => Data is not null;

    public static SecretSnapshot Absent(string? resourceVersion) => new(null, resourceVersion);

    public static SecretSnapshot Of(SecretObject secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new(secret.Data ?? new Dictionary<string, string>(StringComparer.Ordinal), secret.Metadata?.ResourceVersion);
    }

    /// <summary>Whether the files would differ: existence and every key and value (the resource version also moves on metadata-only edits).</summary>
    public bool SameContent(SecretSnapshot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Data is null || other.Data is null)
        {
            return Data is null && other.Data is null;
        }

        return Data.Count == other.Data.Count
            && Data.All(pair => other.Data.TryGetValue(pair.Key, out var value) && string.Equals(value, pair.Value, StringComparison.Ordinal));
    }

    /// <summary>The Secret's keys as fields, base64-decoded; a missing Secret is an error that keeps the files.</summary>
    public SecretData ToSecretData(string description)
    {
        if (Data is null)
        {
            // A list by name answers an absent Secret with no items, not a status; a GET of it would be 404 NotFound,
            // which is what the failure's reason says.
            throw new SecretSourceException($"{description}: the Secret does not exist (deleted, or not created yet); the files keep their last value",
                new KubernetesApiException(NotFound, "NotFound", "the Secret does not exist"));
        }

        var fields = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        foreach (var (key, encoded) in Data)
        {
            var bytes = new byte[(encoded.Length * 3 / 4) + 3];
            if (!Convert.TryFromBase64String(encoded, bytes, out var written))
            {
                throw new SecretSourceException($"{description}: key {key} is not base64 in the Secret's data", transient: false);
            }

            fields[key] = SecretValue.FromBytes(bytes.AsSpan(0, written));
            Array.Clear(bytes);
        }

        return new SecretData(null, fields, new Freshness { Version = ResourceVersion });
    }
}
