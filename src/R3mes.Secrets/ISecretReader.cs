using System.Diagnostics.CodeAnalysis;

namespace R3mes.Secrets;

/// <summary>
/// Reads secrets by key: <c>&lt;dir&gt;/&lt;name&gt;</c>, then <c>$NAME_FILE</c>, then <c>$NAME</c>. Substitute it in
/// tests. <see cref="SecretReader"/> reads afresh on every call; <see cref="CachedSecretReader"/> (what
/// <c>services.AddR3mesSecrets()</c> registers) keeps values until the directory changes. Connection strings and URLs
/// are extension methods (<see cref="SecretReaderConnectionExtensions"/>).
/// </summary>
public interface ISecretReader
{
    /// <summary>The secrets directory in use.</summary>
    string Directory { get; }

    /// <summary>The secret as UTF-8 text.</summary>
    /// <exception cref="SecretNotFoundException">In none of the places.</exception>
    /// <exception cref="SecretUnreadableException">The place that has it cannot be read, or it is not UTF-8 text.</exception>
    /// <exception cref="SecretEmptyException">The place that has it is empty.</exception>
    string Get(SecretKey key);

    /// <summary>The secret's bytes (with one trailing newline removed when trimming is on). A new array each call.</summary>
    /// <exception cref="SecretException">As <see cref="Get"/>, except that any bytes are accepted.</exception>
    byte[] GetBytes(SecretKey key);

    /// <summary>False whenever <see cref="Get"/> would throw; call <see cref="Get"/> to learn why.</summary>
    bool TryGet(SecretKey key, [NotNullWhen(true)] out string? value);

    /// <summary><see cref="Get"/> without blocking on the file read.</summary>
    ValueTask<string> GetAsync(SecretKey key, CancellationToken cancellationToken = default);

    /// <summary><see cref="GetBytes"/> without blocking on the file read.</summary>
    ValueTask<byte[]> GetBytesAsync(SecretKey key, CancellationToken cancellationToken = default);
}
