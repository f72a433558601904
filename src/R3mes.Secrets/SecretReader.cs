using System.Diagnostics.CodeAnalysis;
using R3mes.Secrets.Reading;

namespace R3mes.Secrets;

/// <summary>
/// Reads secrets written by r3mes-sidecar. Lookup order: the file <c>&lt;dir&gt;/&lt;name&gt;</c>, then the file named by
/// <c>$NAME_FILE</c>, then <c>$NAME</c>. Every call reads afresh, so a rotated file is seen at once.
/// Thread-safe. Exception messages name the places looked at, never a value.
/// </summary>
public sealed class SecretReader
{
    private readonly bool _trimTrailingNewline;
    private readonly Func<string, string?>? _environmentVariables;

    public SecretReader(SecretReaderOptions? options = null)
    {
        options ??= new SecretReaderOptions();
        ArgumentNullException.ThrowIfNull(options.EnvironmentVariables);
        Directory = SecretDirectoryResolver.Resolve(options.Directory, options.EnvironmentVariables);
        _trimTrailingNewline = options.TrimTrailingNewline;
        _environmentVariables = options.AllowEnvironmentFallback ? options.EnvironmentVariables : null;
    }

    /// <summary>The secrets directory in use.</summary>
    public string Directory { get; }

    /// <summary>The secret as UTF-8 text.</summary>
    /// <exception cref="SecretNotFoundException">Missing everywhere, unreadable, or not UTF-8 text.</exception>
    public string Get(SecretKey key) =>
        TryRead(key, out var text, out var failure) ? text : throw new SecretNotFoundException(key, failure);

    /// <summary>The secret's bytes (with one trailing newline removed when trimming is on).</summary>
    /// <exception cref="SecretNotFoundException">Missing everywhere or unreadable.</exception>
    public byte[] GetBytes(SecretKey key)
    {
        var result = Find(key);
        return result.Value ?? throw new SecretNotFoundException(key, result.Failure!);
    }

    /// <summary>False whenever <see cref="Get"/> would throw; call <see cref="Get"/> to learn why.</summary>
    public bool TryGet(SecretKey key, [NotNullWhen(true)] out string? value)
    {
        var found = TryRead(key, out var text, out _);
        value = found ? text : null;
        return found;
    }

    /// <summary>
    /// <c>postgresql://user:password@host:port/database[?query]</c> from <c>postgres_user</c> and
    /// <c>postgres_password</c>, both percent-encoded. <paramref name="query"/> is appended as given, e.g. <c>sslmode=require</c>.
    /// </summary>
    public string GetDatabaseUrl(string host, int port = 5432, string database = "r3mes", string? query = null) =>
        ConnectionUrl.Postgres(Get(SecretKey.PostgresUser), Get(SecretKey.PostgresPassword), host, port, database, query);

    /// <summary><c>redis://:password@host:port/database</c> from <c>redis_password</c>, percent-encoded.</summary>
    public string GetRedisUrl(string host, int port = 6379, int database = 0) =>
        ConnectionUrl.Redis(Get(SecretKey.RedisPassword), host, port, database);

    private bool TryRead(SecretKey key, out string text, [NotNullWhen(false)] out string? failure)
    {
        var result = Find(key);
        if (result.Value is null)
        {
            (text, failure) = ("", result.Failure!);
            return false;
        }
        if (SecretText.TryDecode(result.Value, out text))
        {
            failure = null;
            return true;
        }
        failure = $"secret '{key.FileName}' could not be read; looked in: {result.Source} (not UTF-8 text; use GetBytes)";
        return false;
    }

    private SecretLookupResult Find(SecretKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = SecretLookup.Find(key, Directory, _environmentVariables);
        return result.Value is not null && _trimTrailingNewline
            ? result with { Value = SecretText.TrimTrailingNewline(result.Value) }
            : result;
    }
}
