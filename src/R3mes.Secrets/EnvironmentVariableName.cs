using System.Text;

namespace R3mes.Secrets;

/// <summary>Environment variable names derived from or given for secret keys.</summary>
internal static class EnvironmentVariableName
{
    public static string FromFileName(string fileName)
    {
        var name = new StringBuilder(fileName.Length + 1);
        if (char.IsAsciiDigit(fileName[0]))
            name.Append('_');
        foreach (var c in fileName)
            name.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        return name.ToString();
    }

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name)
        && !char.IsAsciiDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
