using System.Diagnostics.CodeAnalysis;
using R3mes.Secrets.Reading;

namespace R3mes.Secrets;

/// <summary>
/// Reads secrets written by r3mes-sidecar. Lookup order: the file <c>&lt;dir&gt;/&lt;name&gt;</c>, then the file named by
/// <c>$NAME_FILE</c>, then <c>$NAME</c>. Every call reads afresh, so a rotated file is seen at once; for hot paths use
/// <see cref="CachedSecretReader"/>. Thread-safe. Exception messages name the places looked at, never a value.
/// </summary>
public sealed class SecretReader : ISecretReader
{
    private readonly SecretLookup _lookup;

    public SecretReader(SecretReaderOptions? options = null)
    {
        _lookup = (options ?? new SecretReaderOptions()).CreateLookup();
    }

    /// <inheritdoc />
    public string Directory => _lookup.Directory;

    /// <inheritdoc />
    public string Get(SecretKey key) => _lookup.Find(key).Text();

    /// <inheritdoc />
    public byte[] GetBytes(SecretKey key) => _lookup.Find(key).Bytes();

    /// <inheritdoc />
    public bool TryGet(SecretKey key, [NotNullWhen(true)] out string? value) => _lookup.Find(key).TryText(out value);

    /// <inheritdoc />
    public async ValueTask<string> GetAsync(SecretKey key, CancellationToken cancellationToken = default) =>
        (await _lookup.FindAsync(key, cancellationToken).ConfigureAwait(false)).Text();

    /// <inheritdoc />
    public async ValueTask<byte[]> GetBytesAsync(SecretKey key, CancellationToken cancellationToken = default) =>
        (await _lookup.FindAsync(key, cancellationToken).ConfigureAwait(false)).Bytes();
}
