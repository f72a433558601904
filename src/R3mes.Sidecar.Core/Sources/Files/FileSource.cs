using System.IO.Abstractions;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Sources.Files;

/// <summary>
/// Secrets from plain files, the Docker Compose way (<c>docker/secrets/*.txt</c>). A file path gives the whole
/// value (and its fields, when it holds a JSON object); a directory gives one field per file, named without a
/// <c>.txt</c> suffix. Hidden files are skipped. Files are re-read only when their size or mtime moved.
/// </summary>
internal sealed class FileSource(IFileSystem fileSystem, string path) : ISecretSource, IWatchableSource
{
    private const long MaxFileBytes = 1 << 20;
    private string? _signature;
    private SecretData? _last;

    public string Description => $"file {path}";

    public ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken)
    {
        var entries = Entries();
        var signature = string.Join('|', entries.Select(e => $"{e.Name}:{e.Length}:{e.LastWriteTimeUtc.Ticks}"));
        if (_last is not null && signature == _signature)
        {
            return ValueTask.FromResult(_last);
        }

        var freshness = new Freshness { Version = signature };
        SecretData data;
        if (fileSystem.File.Exists(path))
        {
            var raw = Read(entries[0]);
            data = new SecretData(raw, SecretJson.TryReadObject(raw, out var fields) ? fields : null, freshness);
        }
        else
        {
            data = new SecretData(null, entries.ToDictionary(FieldName, Read, StringComparer.Ordinal), freshness);
        }

        (_signature, _last) = (signature, data);
        return ValueTask.FromResult(data);
    }

    public IDisposable Watch(Action changed)
    {
        var isFile = fileSystem.File.Exists(path);
        var directory = isFile ? fileSystem.Path.GetDirectoryName(path)! : path;
        var watcher = fileSystem.FileSystemWatcher.New(directory);
        if (isFile)
        {
            watcher.Filter = fileSystem.Path.GetFileName(path);
        }

        watcher.NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size;
        watcher.Changed += (_, _) => changed();
        watcher.Created += (_, _) => changed();
        watcher.Deleted += (_, _) => changed();
        watcher.Renamed += (_, _) => changed();
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    internal static string FieldName(IFileInfo file) =>
        file.Name.EndsWith(".txt", StringComparison.Ordinal) ? file.Name[..^4] : file.Name;

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
