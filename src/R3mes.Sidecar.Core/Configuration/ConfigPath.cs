using System.Text;
using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Configuration;

/// <summary>Turns configuration keys (<c>secrets:2:files:tls</c>) into the paths users read (<c>secrets[2].files.tls</c>).</summary>
public static class ConfigPath
{
    public static string Of(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return Display(section.Path);
    }

    public static string Display(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        var builder = new StringBuilder(configurationPath.Length + 4);
        foreach (var segment in configurationPath.Split(ConfigurationPath.KeyDelimiter))
        {
            if (segment.Length > 0 && segment.All(char.IsAsciiDigit))
            {
                builder.Append('[').Append(segment).Append(']');
            }
            else if (!segment.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                builder.Append("[\"").Append(string.Concat(segment.Select(Escape))).Append("\"]");
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(segment);
            }
        }

        return builder.ToString();
    }

    /// <summary>A key shows control, format (bidirectional overrides) and unusual space characters escaped, so a path cannot spoof another.</summary>
    private static string Escape(char c) => c switch
    {
        _ when char.IsControl(c) => $"\\x{(int)c:x2}",
        _ when char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format || (char.IsWhiteSpace(c) && c != ' ') => $"\\u{(int)c:X4}",
        _ => c.ToString(),
    };

    public static string Child(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
