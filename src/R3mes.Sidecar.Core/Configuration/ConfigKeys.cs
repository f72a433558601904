using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Configuration;

/// <summary>Rejects keys nobody reads, with the closest known key as the suggested fix.</summary>
public static class ConfigKeys
{
    public static void RejectUnknown(IConfigurationSection section, IReadOnlyCollection<string> known, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(ConfigPath.Of(child), Unknown("key", child.Key, known));
            }
        }
    }

    /// <summary><c>unknown key 'dri' (did you mean 'dir'? known: dir, mode)</c></summary>
    public static string Unknown(string what, string name, IReadOnlyCollection<string> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var list = known.Count == 0 ? "none" : string.Join(", ", known.Order(StringComparer.Ordinal));
        var closest = known
            .Select(k => (Key: k, Distance: EditDistance(k.ToUpperInvariant(), name.ToUpperInvariant())))
            .Where(c => c.Distance <= Math.Max(1, c.Key.Length / 3))
            .OrderBy(c => c.Distance)
            .Select(c => c.Key)
            .FirstOrDefault();
        return closest is null
            ? $"unknown {what} '{name}' (known: {list})"
            : $"unknown {what} '{name}' (did you mean '{closest}'? known: {list})";
    }

    /// <summary>Edit distance counting a swap of two neighbours as one edit (<c>dri</c> → <c>dir</c>).</summary>
    private static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
