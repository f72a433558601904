using System.Text;

namespace R3mes.Secrets;

/// <summary>Rules for a secret's file name, shared by keys and directory scans.</summary>
internal static class SecretName
{
    private const int MaxUtf8Bytes = 255;

    /// <summary>Returns why <paramref name="name"/> is not a usable secret file name, or null when it is.</summary>
    public static string? FindProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return "must not be empty";
        if (name.Any(char.IsControl))
            return "must not contain NUL or control characters";
        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
            return "must not contain '/' or '\\'";
        if (name.Contains("..", StringComparison.Ordinal))
            return "must not contain '..'";
        if (name[0] == '.')
            return "must not start with '.' (reserved for temporary and hidden files)";
        if (Encoding.UTF8.GetByteCount(name) > MaxUtf8Bytes)
            return $"must be at most {MaxUtf8Bytes} bytes";
        return null;
    }

    public static bool IsValid(string name) => FindProblem(name) is null;
}
