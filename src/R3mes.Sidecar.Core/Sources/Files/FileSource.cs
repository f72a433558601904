using System.IO.Abstractions;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Sources.Files;

/// <summary>
/// Secrets from plain files, the Docker Compose way (<c>docker/secrets/*.txt</c>). A file path gives the whole
/// value (and its fields, when it holds a JSON object); a directory gives one field per file, named without a
/// <c>.txt</c> suffix. Hidden files are skipped. Files are re-read only when their size or mtime moved.
/// </summary>
/// <remarks>
/// Editors and <c>echo new &gt; file</c> truncate, then write: a read in between sees an empty or partial file.
/// So a change is read only once the files have kept still (same sizes and mtimes) for <c>settle</c>, and a read
/// counts only when the files are the same after it as before; otherwise it waits again. The first read at
/// start does not wait. A file that never keeps still is read after <see cref="MaxSettlePeriods"/> periods,
/// still only when it did not move during the read.
/// </remarks>
internal sealed class FileSource(IFileSystem fileSystem, string path, IDirectoryWatcher watcher, TimeProvider time, TimeSpan settle)
    : ISecretSource, IWatchableSource
{
    public const int MaxSettlePeriods = 10;
    private const long MaxFileBytes = 1 << 20;
    private string? _signature;
    private SecretData? _last;

    public string Description => $"file {path}";

    public TimeSpan Settle => settle;

    public async ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken)
    {
        var entries = Entries();
        var signature = Signature(entries);
        if (_last is not null && signature == _signature)
        {
            return _last;
        }

        var periods = 0;
        if (_last is not null)
        {
            (entries, signature, periods) = await SettleAsync(signature, periods, cancellationToken).ConfigureAwait(false);
        }

        while (true)
        {
            var data = Read(entries, signature);
            var after = Entries();
            var moved = Signature(after);
            if (moved == signature)
            {
                (_signature, _last) = (signature, data);
                return data;
            }

            (entries, signature, periods) = await SettleAsync(moved, periods, cancellationToken).ConfigureAwait(false);
        }
    }

    public IDisposable Watch(Action changed)
    {
        var isFile = fileSystem.File.Exists(path);
        var directory = isFile ? fileSystem.Path.GetDirectoryName(path)! : path;
        return watcher.Watch(directory, isFile ? fileSystem.Path.GetFileName(path) : null, changed);
    }

    internal static string FieldName(IFileInfo file) =>
        file.Name.EndsWith(".txt", StringComparison.Ordinal) ? file.Name[..^4] : file.Name;

    private static string Signature(IFileInfo[] entries) =>
        string.Join('|', entries.Select(e => $"{e.Name}:{e.Length}:{e.LastWriteTimeUtc.Ticks}"));

    /// <summary>Waits until the files look the same <c>settle</c> apart (or the periods run out); returns them then.</summary>
    private async Task<(IFileInfo[] Entries, string Signature, int Periods)> SettleAsync(string signature, int periods, CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(settle, time, cancellationToken).ConfigureAwait(false);
            periods++;
            var entries = Entries();
            var now = Signature(entries);
            if (now == signature || periods >= MaxSettlePeriods)
            {
                return (entries, now, periods);
            }

            signature = now;
        }
    }

    private SecretData Read(IFileInfo[] entries, string signature)
    {
        var freshness = new Freshness { Version = signature };
        if (fileSystem.File.Exists(path))
        {
            var raw = Read(entries[0]);
            return new SecretData(raw, SecretJson.TryReadObject(raw, out var fields) ? fields : null, freshness);
        }

        return new SecretData(null, entries.ToDictionary(FieldName, Read, StringComparer.Ordinal), freshness);
    }

    private IFileInfo[] Entries()
    {
        if (fileSystem.File.Exists(path))
        {
            return [fileSystem.FileInfo.New(path)];
        }

        if (!fileSystem.Directory.Exists(path))
        {
            throw new SecretSourceException($"{Description}: no such file or directory");
        }

        return fileSystem.DirectoryInfo.New(path).GetFiles()
            .Where(f => !f.Name.StartsWith('.'))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToArray();
    }

    private SecretValue Read(IFileInfo file)
    {
        if (file.Length > MaxFileBytes)
        {
            throw new SecretSourceException($"{Description}: {file.Name} is larger than 1 MiB", transient: false);
        }

        try
        {
            return SecretValue.FromBytes(fileSystem.File.ReadAllBytes(file.FullName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretSourceException($"{Description}: cannot read {file.Name}: {e.GetType().Name}");
        }
    }
}
