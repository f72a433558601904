using System.IO.Abstractions;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Sources.Files;

/// <summary>
/// <c>source: { file: docker/secrets }</c> or <c>{ file: docker/secrets/jwt_secret.txt, settle: 200ms }</c>:
/// <c>settle</c> is how long the files must keep still after a change before they are read.
/// </summary>
internal sealed class FileSourceFactory(IFileSystem fileSystem, IDirectoryWatcher watcher, TimeProvider time) : ISecretSourceFactory
{
    public const string SettleKey = "settle";

    public static readonly TimeSpan DefaultSettle = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan MaxSettle = TimeSpan.FromSeconds(10);

    public string Kind => "file";

    public IReadOnlyCollection<string> OptionKeys => [SettleKey];

    /// <summary>Polling backs up the watcher (inotify misses events on some volumes); a change lands within a second.</summary>
    public TimeSpan DefaultRefresh => TimeSpan.FromSeconds(1);

    public ISecretSource? Create(SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settlePath = $"{context.Path}.{SettleKey}";
        var settle = OptionValues.Duration(context.Section[SettleKey], settlePath, DefaultSettle, context.Errors);
        if (settle > MaxSettle)
        {
            context.Errors.Add(settlePath, $"'{context.Section[SettleKey]}' is too long: at most 10s (a change waits this long before it is read; the default is 200ms)");
        }

        var path = context.ResolvePath(context.Location);
        if (!fileSystem.File.Exists(path) && !fileSystem.Directory.Exists(path))
        {
            context.Errors.Add(ConfigurationPathOf(context), $"'{context.Location}' does not exist (resolved to {path}): create it or fix the path");
            return null;
        }

        return new FileSource(fileSystem, path, watcher, time, settle);
    }

    private string ConfigurationPathOf(SourceContext context) => $"{context.Path}.{Kind}";
}
