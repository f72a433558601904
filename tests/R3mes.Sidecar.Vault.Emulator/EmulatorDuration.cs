using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>Vault's duration fields (TypeDurationSecond): an integer of seconds, a numeric string, or a Go duration like <c>1h30m</c> or <c>4s</c>.</summary>
internal static partial class EmulatorDuration
{
    public static TimeSpan Parse(JsonNode? node)
    {
        if (node is null)
        {
            return TimeSpan.Zero;
        }

        if (node.GetValueKind() == JsonValueKind.Number)
        {
            return TimeSpan.FromSeconds(node.GetValue<double>());
        }

        var text = node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>().Trim() : node.ToJsonString();
        if (text.Length == 0)
        {
            return TimeSpan.Zero;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        var total = TimeSpan.Zero;
        var matches = Part().Matches(text);
        if (matches.Sum(m => m.Length) != text.Length)
        {
            throw new FormatException($"time: invalid duration \"{text}\"");
        }

        foreach (Match match in matches)
        {
            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            total += match.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                "d" => TimeSpan.FromDays(value),
                "ns" => TimeSpan.FromTicks((long)(value / 100)),
                _ => TimeSpan.FromMicroseconds(value),
            };
        }

        return total;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|m|s|d|us|µs|ns)")]
    private static partial Regex Part();
}
