using System.Globalization;

namespace R3mes.Sidecar.Configuration;

/// <summary>Parses the typed scalars of the configuration, reporting the key, the value and the fix.</summary>
public static class OptionValues
{
    public static TimeSpan Duration(string? text, string path, TimeSpan fallback, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            return fallback;
        }

        if (Configuration.Duration.TryParse(text, out var value))
        {
            return value;
        }

        errors.Add(path, $"'{text}' is not a duration: {Configuration.Duration.Help}");
        return fallback;
    }

    /// <summary>An octal file mode (<c>"0600"</c>, <c>"0440"</c>); world-writable modes are refused.</summary>
    public static UnixFileMode Mode(string? text, string path, UnixFileMode fallback, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (text is null)
        {
            return fallback;
        }

        int value;
        try
        {
            value = Convert.ToInt32(text.Trim(), 8);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
        {
            errors.Add(path, $"'{text}' is not an octal file mode: quote it, e.g. mode: \"0600\"");
            return fallback;
        }

        if (value is < 0 or > 0x1FF || (value & 0x2) != 0 || (value & 0x100) == 0)
        {
            errors.Add(path, $"'{text}' is not allowed: use permission bits only (at most 0777), owner-readable, never world-writable, e.g. \"0600\"");
            return fallback;
        }

        return (UnixFileMode)value;
    }

    /// <summary>An enum value written by its name; <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> alone also takes numbers (<c>7</c>) and lists (<c>always, never</c>).</summary>
    public static bool TryParseName<T>(string text, out T value)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(text);
        return Enum.TryParse(text, ignoreCase: true, out value) && Enum.GetNames<T>().Contains(text.Trim(), StringComparer.OrdinalIgnoreCase);
    }

    public static string FormatMode(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8).PadLeft(3, '0');

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
