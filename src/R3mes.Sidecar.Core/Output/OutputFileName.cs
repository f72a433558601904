using System.Text;

namespace R3mes.Sidecar.Output;

/// <summary>
/// Which names may become files in the shared output directory: one plain path component, no <c>/</c>, no
/// <c>..</c>, no leading dot (reserved for the writer's temporary files and Kubernetes' <c>..data</c>), no NUL or
/// control characters, no bidirectional embedding, override or isolate characters (U+202A–U+202E, U+2066–U+2069:
/// they make <c>ls</c> show a name other than the one on disk), no leading or trailing whitespace (a name that
/// looks like another, or like nothing), at most 255 bytes. This is the one place file names are validated.
/// </summary>
public static class OutputFileName
{
    /// <summary>Returns why <paramref name="name"/> is refused, or null when it is a good file name.</summary>
    public static string? Problem(string? name) => Problem(name, allowLeadingDot: false);

    /// <summary>
    /// As <see cref="Problem(string?)"/>; <paramref name="allowLeadingDot"/> admits names such as <c>.env</c> for the
    /// operator commands, which write in a project directory rather than the shared output directory.
    /// </summary>
    public static string? Problem(string? name, bool allowLeadingDot)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "a file name cannot be empty";
        }

        if (name is "." or "..")
        {
            return $"'{name}' is not a file name";
        }

        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal))
        {
            return $"'{Printable(name)}' contains a path separator: use a plain name such as postgres_password";
        }

        if (name.Any(char.IsControl))
        {
            return $"'{Printable(name)}' contains a control character";
        }

        if (name.Any(IsBidiControl))
        {
            return $"'{Printable(name)}' contains a bidirectional override or isolate character (U+202A-U+202E, U+2066-U+2069), which makes a listing show another name";
        }

        if (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1]))
        {
            return $"'{Printable(name)}' starts or ends with whitespace: such a name looks like another one (or like nothing) in a listing";
        }

        if (name[0] == '.' && !allowLeadingDot)
        {
            return $"'{name}' starts with '.', which is reserved for temporary files";
        }

        return Encoding.UTF8.GetByteCount(name) > 255 ? "a file name can be at most 255 bytes" : null;
    }

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    private static string Printable(string name) =>
        string.Concat(name.Select(c => c switch
        {
            _ when char.IsControl(c) => $"\\x{(int)c:x2}",
            _ when IsBidiControl(c) || (char.IsWhiteSpace(c) && c != ' ') => $"\\u{(int)c:X4}",
            _ => c.ToString(),
        }));
}
