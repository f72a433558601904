using System.Text;

namespace R3mes.Secrets.Reading;

/// <summary>
/// Looks for one secret in order: <c>&lt;dir&gt;/&lt;name&gt;</c>, then <c>$NAME_FILE</c>, then <c>$NAME</c>.
/// The first place that exists is authoritative: if it cannot be read the lookup fails rather than falling
/// back to a lower-priority (possibly stale) value. Messages name places, never values.
/// </summary>
internal static class SecretLookup
{
    /// <param name="environmentVariables">Null when environment fallbacks are disabled.</param>
    public static SecretLookupResult Find(SecretKey key, string directory, Func<string, string?>? environmentVariables)
    {
        var places = new List<string>(3);
        var path = Path.Join(directory, key.FileName);
        var file = SecretFile.Read(path);
        if (file.Content is not null)
            return SecretLookupResult.Found(file.Content, $"file {path}");
        places.Add($"file {path} ({file.Problem})");
        if (!file.IsMissing)
            return Fail(key, places, found: true);
        if (environmentVariables is null)
        {
            return Fail(key, places, found: false, "; environment fallback is disabled");
        }

        var fileVariable = key.FileEnvironmentVariable;
        var pointer = environmentVariables(fileVariable);
        if (!string.IsNullOrEmpty(pointer))
        {
            // The variable's value is a path, but people confuse NAME_FILE with NAME: never echo it.
            var pointed = SecretFile.Read(pointer);
            if (pointed.Content is not null)
                return SecretLookupResult.Found(pointed.Content, $"${fileVariable}");
            places.Add($"${fileVariable} (set; its file: {pointed.Problem})");
            return Fail(key, places, found: true);
        }
        places.Add($"${fileVariable} ({Describe(pointer)})");

        var value = environmentVariables(key.EnvironmentVariable);
        if (!string.IsNullOrEmpty(value))
            return SecretLookupResult.Found(Encoding.UTF8.GetBytes(value), $"${key.EnvironmentVariable}");
        places.Add($"${key.EnvironmentVariable} ({Describe(value)})");
        return Fail(key, places, found: false);
    }


    private static string Describe(string? variable) => variable is null ? "unset" : "empty";

    private static SecretLookupResult Fail(SecretKey key, List<string> places, bool found, string note = "") =>
        SecretLookupResult.Failed(
            $"secret '{key.FileName}' {(found ? "could not be read" : "not found")}; looked in: {string.Join(", ", places)}{note}");
}
