using Microsoft.Extensions.Configuration;
using R3mes.Secrets.Reading;
using R3mes.Secrets.Watching;

namespace R3mes.Secrets.Configuration;

/// <summary>
/// One configuration key per secret, found by the same <see cref="SecretLookup"/> as <see cref="SecretReader"/>: every
/// file of the directory, plus the listed keys through <c>$NAME_FILE</c> and <c>$NAME</c> when no file has them. A
/// secret <see cref="SecretReader.TryGet"/> would not return (unreadable, empty, not UTF-8) has no key. Reloads,
/// through <see cref="SecretDirectoryMonitor"/>, only when a value actually changed.
/// </summary>
internal sealed class SecretsConfigurationProvider(
    SecretWatchSettings settings, SecretLookup lookup, SecretsConfigurationLayout layout, bool optional, bool reloadOnChange)
    : ConfigurationProvider, IDisposable
{
    private readonly Lock _gate = new();
    private SecretDirectoryMonitor? _monitor;

    public override void Load()
    {
        var contents = SecretDirectoryReader.Read(settings.Directory);
        if (contents is null && !optional)
            throw new DirectoryNotFoundException(
                $"secrets directory '{settings.Directory}' does not exist or cannot be listed; mount it, point "
                + $"${SecretReaderOptions.DirectoryEnvironmentVariable} or the Directory option at it, or leave Optional = true");
        contents ??= [];
        lock (_gate)
        {
            Data = ToData(contents);
            if (reloadOnChange)
                _monitor ??= new SecretDirectoryMonitor(settings, contents, OnDirectoryChanged);
        }
    }

    public void Dispose()
    {
        // Not under _gate: the monitor calls OnDirectoryChanged holding its own lock, then takes _gate.
        SecretDirectoryMonitor? monitor;
        lock (_gate)
            monitor = _monitor;
        monitor?.Dispose();
    }

    public override string ToString() => $"{nameof(SecretsConfigurationProvider)} for '{settings.Directory}'";

    private void OnDirectoryChanged(SecretDirectoryChange change)
    {
        lock (_gate)
        {
            var data = ToData(change.Contents);
            if (SameData(Data, data))
                return;
            Data = data;
        }
        OnReload();
    }

    private Dictionary<string, string?> ToData(IReadOnlyDictionary<string, byte[]> contents)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in layout.KeysFor(contents.Keys))
        {
            if (lookup.Find(key, contents).TryText(out var text))
                data[layout.ConfigurationKey(key)] = text;
        }
        return data;
    }

    private static bool SameData(IDictionary<string, string?> current, Dictionary<string, string?> next) =>
        current.Count == next.Count
        && next.All(entry => current.TryGetValue(entry.Key, out var value) && string.Equals(value, entry.Value, StringComparison.Ordinal));
}
