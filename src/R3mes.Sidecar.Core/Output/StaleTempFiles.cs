using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Output;

/// <summary>
/// At start, removes the temporary files a killed sidecar left in the output directory (one may hold a complete,
/// superseded secret). Only names of <see cref="SecretFileWriter"/>'s exact pattern, <c>.{name}.tmp-{12 hex}</c>,
/// and only regular files: a symlink, directory or anything else of that name is left alone, and the removal is
/// relative to a handle on the directory, never through a link.
/// </summary>
public static partial class StaleTempFiles
{
    public static int Remove(string directory, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        using var dir = SecretFileWriter.OpenDirectory(directory);
        var removed = 0;
        foreach (var name in Candidates(directory))
        {
            if (IsRegularFile(dir.Value, name) && Libc.UnlinkAt(dir.Value, name, 0) == 0)
            {
                removed++;
            }
        }

        if (removed > 0)
        {
            _ = Libc.FSync(dir.Value);
            LogRemoved(logger, removed, directory);
        }

        return removed;
    }

    internal static bool IsTempName(string name) => TempName().IsMatch(name);

    private static IEnumerable<string> Candidates(string directory) =>
        Directory.EnumerateFileSystemEntries(directory, ".*.tmp-*", new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0 })
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(IsTempName)
            .ToArray();

    private static unsafe bool IsRegularFile(int dirFd, string name)
    {
        StatxBuffer buffer;
        return Libc.Statx(dirFd, name, Libc.AtSymlinkNoFollow, StatxBuffer.BasicStats, &buffer) == 0 && buffer.FileType == StatxBuffer.Regular;
    }

    [GeneratedRegex(@"^\..+\.tmp-[0-9a-f]{12}\z", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex TempName();

    [LoggerMessage(EventId = 2620, Level = LogLevel.Warning, Message = "removed {Count} temporary file(s) a previous run left in {Directory} (it was stopped while writing)")]
    private static partial void LogRemoved(ILogger logger, int count, string directory);
}
