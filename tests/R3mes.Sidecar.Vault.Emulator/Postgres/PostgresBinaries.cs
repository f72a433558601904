using System.Globalization;

namespace R3mes.Sidecar.Vault.Emulator.Postgres;

/// <summary>Finds the Debian package's binaries: the highest <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> with a <c>postgres</c>.</summary>
internal static class PostgresBinaries
{
    public static string Find()
    {
        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => File.Exists(Path.Combine(c.Dir, "postgres")) && File.Exists(Path.Combine(c.Dir, "initdb")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        return candidates.Count > 0
            ? candidates[0].Dir
            : throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres): run ./test.sh, which installs it, or apt-get install -y postgresql");
    }
}
