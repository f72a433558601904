using System.Text;
using Konscious.Security.Cryptography;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Backup;

/// <summary>
/// Where a backup's AES-256 key comes from: a passphrase stretched with Argon2id (memory-hard: guessing costs
/// 64 MiB per try), or a key file holding 32 random bytes (raw, hex or base64).
/// </summary>
internal sealed class ArchiveKey
{
    public const int MinimumPassphraseLength = 12;

    private readonly SecretValue? _passphrase;
    private readonly SecretValue? _key;

    private ArchiveKey(SecretValue? passphrase, SecretValue? key)
    {
        _passphrase = passphrase;
        _key = key;
    }

    public bool IsPassphrase => _passphrase is not null;

    public static ArchiveKey FromPassphrase(SecretValue passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        return new ArchiveKey(passphrase, null);
    }

    /// <summary>32 bytes as they are, or 64 hex characters, or base64 of 32 bytes (a trailing newline is ignored).</summary>
    public static ArchiveKey FromKeyFile(byte[] contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        if (contents.Length == 32)
        {
            return new ArchiveKey(null, SecretValue.FromBytes(contents));
        }

        var text = Encoding.ASCII.GetString(contents).Trim();
        var bytes = new byte[32];
        if (text.Length == 64 && text.All(Uri.IsHexDigit))
        {
            return new ArchiveKey(null, SecretValue.FromBytes(Convert.FromHexString(text)));
        }

        return Convert.TryFromBase64String(text, bytes, out var written) && written == 32
            ? new ArchiveKey(null, SecretValue.FromBytes(bytes))
            : throw OperatorException.Usage("the key file must hold 32 random bytes (raw, 64 hex characters or base64), e.g. from 'head -c 32 /dev/urandom'");
    }

    public byte[] Derive(ReadOnlySpan<byte> salt, KdfParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (_key is not null)
        {
            return _key.Reveal().ToArray();
        }

        using var argon = new Argon2id(_passphrase!.Reveal().ToArray())
        {
            Salt = salt.ToArray(),
            MemorySize = parameters.MemoryKiB,
            Iterations = parameters.Iterations,
            DegreeOfParallelism = parameters.Parallelism,
        };
        return argon.GetBytes(32);
    }
}
