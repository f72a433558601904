using System.Globalization;

namespace R3mes.Sidecar.Configuration;

/// <summary>Durations as operators write them: <c>90s</c>, <c>5m</c>, <c>1h30m</c>, <c>250ms</c>, <c>2d</c>.</summary>
public static class Duration
{
    public const string Help = "write a number with a unit, e.g. 500ms, 90s, 5m, 1h, 1h30m, 2d";

    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        var total = TimeSpan.Zero;
        while (!span.IsEmpty)
        {
            var digits = 0;
            while (digits < span.Length && (char.IsAsciiDigit(span[digits]) || span[digits] == '.'))
            {
                digits++;
            }

            var letters = digits;
            while (letters < span.Length && char.IsAsciiLetter(span[letters]))
            {
                letters++;
            }

            if (digits == 0 || letters == digits ||
                !double.TryParse(span[..digits], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ||
                !TryUnit(span[digits..letters], out var unit))
            {
                return false;
            }

            total += unit * number;
            span = span[letters..];
        }

        value = total;
        return true;
    }

    public static string Format(TimeSpan value) =>
        value.TotalMilliseconds < 1000 ? $"{value.TotalMilliseconds:0}ms"
        : value.TotalSeconds < 120 ? $"{value.TotalSeconds:0.#}s"
        : value.TotalMinutes < 120 ? $"{value.TotalMinutes:0.#}m"
        : $"{value.TotalHours:0.#}h";

    private static bool TryUnit(ReadOnlySpan<char> unit, out TimeSpan value)
    {
        value = unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(1),
            "s" => TimeSpan.FromSeconds(1),
            "m" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            "d" => TimeSpan.FromDays(1),
            _ => TimeSpan.Zero,
        };
        return value != TimeSpan.Zero;
    }
}
