using System.Security.Cryptography;
using System.Text;

namespace R3mes.Sidecar.Secrets;

/// <summary>
/// Secret bytes that cannot be printed: <see cref="ToString"/> is <c>***</c>, and the type is neither formattable
/// nor convertible. The bytes leave only through <see cref="Reveal"/> or <see cref="RevealUtf8"/>, which the
/// template engine and the file writer call; nothing that logs or builds messages does.
/// </summary>
public sealed class SecretValue : IEquatable<SecretValue>
{
    private readonly byte[] _bytes;

    private SecretValue(byte[] bytes) => _bytes = bytes;

    public int Length => _bytes.Length;

    public static SecretValue FromBytes(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    public static SecretValue FromUtf8(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(Encoding.UTF8.GetBytes(text));
    }

    public ReadOnlySpan<byte> Reveal() => _bytes;

    public string RevealUtf8() => Encoding.UTF8.GetString(_bytes);

    /// <summary>Compares in constant time for equal lengths, so equality checks leak nothing through timing.</summary>
    public bool Equals(SecretValue? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);

    public override bool Equals(object? obj) => Equals(obj as SecretValue);

    public override int GetHashCode() => _bytes.Length;

    public override string ToString() => "***";
}
