using System.Security.Cryptography;
using R3mes.Sidecar.Operator.Catalog;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Create;

/// <summary>New values from the operating system's CSPRNG, uniformly over the secret's alphabet (no modulo bias).</summary>
internal static class SecretGenerator
{
    public static SecretValue New(R3mesSecret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (secret.Kind != SecretKind.Generated)
        {
            throw new ArgumentException($"{secret.Name} is not generated", nameof(secret));
        }

        return SecretValue.FromUtf8(RandomNumberGenerator.GetString(secret.Alphabet, secret.Length));
    }
}
