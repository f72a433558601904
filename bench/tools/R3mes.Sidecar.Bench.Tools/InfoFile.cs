namespace R3mes.Sidecar.Bench.Tools;

/// <summary>Writes <c>key=value</c> lines atomically (the shell waits for the file, then reads it whole).</summary>
internal static class InfoFile
{
    public static void Write(string path, IEnumerable<(string Key, object Value)> lines)
    {
        var temp = path + ".tmp";
        File.WriteAllLines(temp, lines.Select(l => FormattableString.Invariant($"{l.Key}={l.Value}")));
        File.Move(temp, path, overwrite: true);
    }
}
