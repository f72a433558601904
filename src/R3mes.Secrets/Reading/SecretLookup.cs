using System.Text;

namespace R3mes.Secrets.Reading;

/// <summary>
/// The one lookup behind <see cref="SecretReader"/>, <see cref="CachedSecretReader"/> and the configuration provider:
/// <c>&lt;dir&gt;/&lt;name&gt;</c>, then the file named by <c>$NAME_FILE</c>, then <c>$NAME</c>. The first place that
/// exists is authoritative: if it cannot be read, or holds nothing, the lookup fails rather than falling back to a
/// lower-priority (possibly stale) value. Empty variables count as unset. Messages name places, never values.
/// </summary>
internal sealed class SecretLookup
{
    private readonly bool _trimTrailingNewline;
    private readonly Func<string, string?>? _environmentVariables;

    /// <param name="environmentVariables">Null when environment fallbacks are disabled.</param>
    public SecretLookup(string directory, bool trimTrailingNewline, Func<string, string?>? environmentVariables)
    {
        Directory = directory;
        _trimTrailingNewline = trimTrailingNewline;
        _environmentVariables = environmentVariables;
    }

    public string Directory { get; }

    public SecretLookupResult Find(SecretKey key) => Find(key, directoryContents: null);

    /// <param name="directoryContents">Files of the directory already read (the watcher's scan); others are read now.</param>
    public SecretLookupResult Find(SecretKey key, IReadOnlyDictionary<string, byte[]>? directoryContents)
    {
        var find = FindAsync(key, directoryContents, async: false, CancellationToken.None);
        // With async: false every file read completes synchronously, and so does the lookup.
        return find.IsCompletedSuccessfully ? find.Result : find.AsTask().GetAwaiter().GetResult();
    }

    public ValueTask<SecretLookupResult> FindAsync(SecretKey key, CancellationToken cancellationToken) =>
        FindAsync(key, directoryContents: null, async: true, cancellationToken);

    private async ValueTask<SecretLookupResult> FindAsync(
        SecretKey key, IReadOnlyDictionary<string, byte[]>? directoryContents, bool async, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var places = new List<string>(3);
        var path = Path.Join(Directory, key.FileName);
        var file = directoryContents is not null && directoryContents.TryGetValue(key.FileName, out var known)
            ? SecretFileRead.Read(known)
            : await SecretFile.ReadAsync(path, async, cancellationToken).ConfigureAwait(false);
        if (!file.IsMissing)
            return Settle(key, file, $"file {path}", places);
        places.Add($"file {path} (missing)");
        if (_environmentVariables is null)
            return Failed(key, SecretProblem.NotFound, places, "; environment fallback is disabled");

        var fileVariable = key.FileEnvironmentVariable;
        var pointer = _environmentVariables(fileVariable);
        if (!string.IsNullOrEmpty(pointer))
        {
            // The variable's value is a path, but people confuse NAME_FILE with NAME: never echo it.
            var pointed = await SecretFile.ReadAsync(pointer, async, cancellationToken).ConfigureAwait(false);
            return Settle(key, pointed, $"${fileVariable}", places, problem => $"${fileVariable} (set; its file: {problem})");
        }
        places.Add($"${fileVariable} ({Describe(pointer)})");

        var value = _environmentVariables(key.EnvironmentVariable);
        if (!string.IsNullOrEmpty(value))
            return Settle(key, SecretFileRead.Read(Encoding.UTF8.GetBytes(value)), $"${key.EnvironmentVariable}", places);
        places.Add($"${key.EnvironmentVariable} ({Describe(value)})");
        return Failed(key, SecretProblem.NotFound, places);
    }

    /// <summary>The place exists: its value, or why it cannot be used (then no lower place is tried).</summary>
    private SecretLookupResult Settle(SecretKey key, SecretFileRead read, string place, List<string> places, Func<string, string>? describe = null)
    {
        describe ??= problem => $"{place} ({problem})";
        if (read.Content is null)
        {
            places.Add(describe(read.Problem));
            return Failed(key, SecretProblem.Unreadable, places);
        }
        var value = _trimTrailingNewline ? SecretText.TrimTrailingNewline(read.Content) : read.Content;
        if (value.Length > 0)
            return SecretLookupResult.Found(key, value, place);
        places.Add(describe("empty"));
        return Failed(key, SecretProblem.Empty, places);
    }

    private static string Describe(string? variable) => variable is null ? "unset" : "empty";

    private static SecretLookupResult Failed(SecretKey key, SecretProblem problem, List<string> places, string note = "")
    {
        var what = problem switch
        {
            SecretProblem.NotFound => "not found",
            SecretProblem.Empty => "is empty",
            _ => "could not be read",
        };
        return SecretLookupResult.Failed(key, problem, $"secret '{key.FileName}' {what}; looked in: {string.Join(", ", places)}{note}");
    }
}
