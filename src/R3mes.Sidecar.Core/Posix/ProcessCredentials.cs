using System.Globalization;

namespace R3mes.Sidecar.Posix;

/// <summary>
/// Who this process is for chown(2): its filesystem uid and gid, its supplementary groups, and whether it holds
/// CAP_CHOWN in its effective set (bit 0 of <c>CapEff</c>). Read from <c>/proc/self/status</c>.
/// </summary>
public sealed record ProcessCredentials(int Uid, int Gid, IReadOnlyList<int> Groups, bool CanChown)
{
    private const string StatusFile = "/proc/self/status";

    public static ProcessCredentials Current() => Parse(File.ReadAllLines(StatusFile));

    /// <summary>Parses the <c>Uid:</c>, <c>Gid:</c>, <c>Groups:</c> and <c>CapEff:</c> lines (the fourth id of Uid/Gid is the filesystem id).</summary>
    public static ProcessCredentials Parse(IEnumerable<string> statusLines)
    {
        ArgumentNullException.ThrowIfNull(statusLines);
        var fields = statusLines
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1].Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
        var uid = Id(fields, "Uid");
        var gid = Id(fields, "Gid");
        var groups = fields.TryGetValue("Groups", out var list) ? list.Select(g => int.Parse(g, CultureInfo.InvariantCulture)).ToArray() : [];
        var capabilities = fields.TryGetValue("CapEff", out var cap) && cap.Length > 0 ? ulong.Parse(cap[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture) : 0;
        return new ProcessCredentials(uid, gid, groups, (capabilities & 1) != 0);
    }

    public bool InGroup(int gid) => gid == Gid || Groups.Contains(gid);

    private static int Id(Dictionary<string, string[]> fields, string name) =>
        fields.TryGetValue(name, out var ids) && ids.Length > 0
            ? int.Parse(ids[^1], CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"{StatusFile} has no {name} line");
}
