using System.IO.Abstractions;

namespace R3mes.Sidecar.Sources.Files;

/// <summary><c>source: { file: docker/secrets }</c> or <c>{ file: docker/secrets/jwt_secret.txt }</c>.</summary>
internal sealed class FileSourceFactory(IFileSystem fileSystem) : ISecretSourceFactory
{
    public string Kind => "file";

    public IReadOnlyCollection<string> OptionKeys => [];

    /// <summary>Polling backs up the watcher (inotify misses events on some volumes); a change lands within a second.</summary>
    public TimeSpan DefaultRefresh => TimeSpan.FromSeconds(1);

    public ISecretSource? Create(SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.ResolvePath(context.Location);
        if (!fileSystem.File.Exists(path) && !fileSystem.Directory.Exists(path))
        {
            context.Errors.Add(ConfigurationPathOf(context), $"'{context.Location}' does not exist (resolved to {path}): create it or fix the path");
            return null;
        }

        return new FileSource(fileSystem, path);
    }

    private string ConfigurationPathOf(SourceContext context) => $"{context.Path}.{Kind}";
}
