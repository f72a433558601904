using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Backup;

/// <summary>
/// The encrypted backup format (docs/operator-secrets.md):
/// <c>"R3MESBK1" | kdf (1: Argon2id, 2: key file) | memory KiB, passes, lanes (u32 LE each) | salt (16) | nonce (12) | ciphertext | tag (16)</c>.
/// AES-256-GCM with the whole header as associated data, so any changed byte — header, ciphertext or tag — fails
/// the tag check. The plaintext lists the files: <c>count (u32)</c>, then per file <c>name length (u16) | name |
/// mode (u32) | length (u32) | bytes</c>.
/// </summary>
internal static class BackupArchive
{
    private const int HeaderLength = 8 + 1 + 12 + 16 + 12;
    private const int TagLength = 16;
    private static readonly byte[] Magic = "R3MESBK1"u8.ToArray();

    public static byte[] Seal(IReadOnlyList<ArchiveEntry> entries, ArchiveKey key, KdfParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(parameters);
        var plaintext = Serialize(entries);
        var archive = new byte[HeaderLength + plaintext.Length + TagLength];
        var header = archive.AsSpan(0, HeaderLength);
        Magic.CopyTo(header);
        header[8] = key.IsPassphrase ? (byte)1 : (byte)2;
        var used = key.IsPassphrase ? parameters : new KdfParameters(0, 0, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header[9..], used.MemoryKiB);
        BinaryPrimitives.WriteInt32LittleEndian(header[13..], used.Iterations);
        BinaryPrimitives.WriteInt32LittleEndian(header[17..], used.Parallelism);
        RandomNumberGenerator.Fill(header[21..37]);
        RandomNumberGenerator.Fill(header[37..49]);
        var aesKey = key.Derive(header[21..37], parameters);
        try
        {
            using var aes = new AesGcm(aesKey, TagLength);
            aes.Encrypt(header[37..49], plaintext, archive.AsSpan(HeaderLength, plaintext.Length), archive.AsSpan(HeaderLength + plaintext.Length), header);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aesKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }

        return archive;
    }

    /// <summary>The files, or an <see cref="OperatorException"/> when the archive is not one, was altered, or the key is wrong.</summary>
    public static IReadOnlyList<ArchiveEntry> Open(ReadOnlySpan<byte> archive, ArchiveKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (archive.Length < HeaderLength + TagLength || !archive[..8].SequenceEqual(Magic))
        {
            throw new OperatorException("not an r3mes-sidecar backup (wrong header): nothing was written");
        }

        var header = archive[..HeaderLength];
        var kind = header[8];
        if (kind is not (1 or 2) || (kind == 1) != key.IsPassphrase)
        {
            throw new OperatorException(kind == 1
                ? "this backup is protected by a passphrase: pass --passphrase-file (or R3MES_BACKUP_PASSPHRASE); nothing was written"
                : kind == 2 ? "this backup is protected by a key file: pass --key-file; nothing was written"
                : "the backup is damaged or was altered (unknown key kind): nothing was written");
        }

        var parameters = new KdfParameters(
            BinaryPrimitives.ReadInt32LittleEndian(header[9..]),
            BinaryPrimitives.ReadInt32LittleEndian(header[13..]),
            BinaryPrimitives.ReadInt32LittleEndian(header[17..]));
        if (kind == 1 && !parameters.WithinLimits)
        {
            throw new OperatorException("the backup is damaged or was altered (key derivation settings out of range): nothing was written");
        }

        var ciphertext = archive[HeaderLength..^TagLength];
        var plaintext = new byte[ciphertext.Length];
        var aesKey = key.Derive(header[21..37], parameters);
        try
        {
            using var aes = new AesGcm(aesKey, TagLength);
            aes.Decrypt(header[37..49], ciphertext, archive[^TagLength..], plaintext, header);
            return Deserialize(plaintext);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new OperatorException("wrong passphrase or key, or the backup was altered (integrity check failed): nothing was written");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aesKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static byte[] Serialize(IReadOnlyList<ArchiveEntry> entries)
    {
        using var stream = new MemoryStream();
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(number, entries.Count);
        stream.Write(number);
        foreach (var entry in entries)
        {
            var name = Encoding.UTF8.GetBytes(entry.Name);
            BinaryPrimitives.WriteUInt16LittleEndian(number, (ushort)name.Length);
            stream.Write(number[..2]);
            stream.Write(name);
            BinaryPrimitives.WriteInt32LittleEndian(number, (int)entry.Mode);
            stream.Write(number);
            BinaryPrimitives.WriteInt32LittleEndian(number, entry.Content.Length);
            stream.Write(number);
            stream.Write(entry.Content.Reveal());
        }

        return stream.ToArray();
    }

    /// <summary>Strict: a name the writer would refuse, a mode outside 0777 or a byte left over is an error (authenticated data, so only a bug gets here).</summary>
    private static List<ArchiveEntry> Deserialize(ReadOnlySpan<byte> plaintext)
    {
        var entries = new List<ArchiveEntry>();
        try
        {
            var count = BinaryPrimitives.ReadInt32LittleEndian(plaintext);
            var at = 4;
            for (var i = 0; i < count; i++)
            {
                int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(plaintext[at..]);
                var name = Encoding.UTF8.GetString(plaintext.Slice(at + 2, nameLength));
                at += 2 + nameLength;
                var mode = BinaryPrimitives.ReadInt32LittleEndian(plaintext[at..]);
                var length = BinaryPrimitives.ReadInt32LittleEndian(plaintext[(at + 4)..]);
                at += 8;
                if (OutputFileName.Problem(name) is not null || (mode & ~0x1FF) != 0 || length < 0)
                {
                    throw new OperatorException("the backup holds an entry that cannot be restored safely: nothing was written");
                }

                entries.Add(new ArchiveEntry(name, (UnixFileMode)mode, SecretValue.FromBytes(plaintext.Slice(at, length))));
                at += length;
            }

            return at == plaintext.Length ? entries : throw new OperatorException("the backup has trailing data: nothing was written");
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new OperatorException("the backup is truncated: nothing was written");
        }
    }
}
