using R3mes.Sidecar.Aws.Client;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Aws.Sources;

/// <summary>
/// A Secrets Manager value as <see cref="SecretData"/>: the whole SecretString (or the decoded SecretBinary) is the
/// raw value; a SecretString holding a JSON object also gives one field per member (strings as they are, anything
/// else as its JSON text), so <c>key: password</c> and templates over <c>username</c>/<c>password</c> work.
/// </summary>
internal static class SecretValueData
{
    public static SecretData From(GetSecretValueResponse value, string secretId)
    {
        ArgumentNullException.ThrowIfNull(value);
        var freshness = new Freshness { Version = value.VersionId };
        if (value.SecretString is { } text)
        {
            var whole = SecretValue.FromUtf8(text);
            return new SecretData(whole, SecretJson.TryReadObject(whole, out var fields) ? fields : null, freshness);
        }

        if (value.SecretBinary is { } binary)
        {
            var bytes = new byte[binary.Length];
            if (!Convert.TryFromBase64String(binary, bytes, out var written))
            {
                throw new SecretSourceException($"aws {secretId}: SecretBinary is not base64", transient: false);
            }

            return new SecretData(SecretValue.FromBytes(bytes.AsSpan(0, written)), null, freshness);
        }

        throw new SecretSourceException($"aws {secretId}: the version has neither SecretString nor SecretBinary", transient: false);
    }
}
