using R3mes.Secrets.Reading;

namespace R3mes.Secrets.Watching;

/// <summary>Validated settings shared by <see cref="SecretWatcher"/> and the configuration provider.</summary>
internal sealed record SecretWatchSettings(
    string Directory, TimeSpan PollingInterval, bool UseFileSystemWatcher, TimeProvider TimeProvider)
{
    public static SecretWatchSettings Create(
        string? directory,
        Func<string, string?> environmentVariables,
        TimeSpan pollingInterval,
        bool useFileSystemWatcher,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (pollingInterval <= TimeSpan.Zero && pollingInterval != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(
                nameof(pollingInterval), "PollingInterval must be positive, or Timeout.InfiniteTimeSpan to turn polling off");
        var resolved = SecretDirectoryResolver.Resolve(directory, environmentVariables);
        return new SecretWatchSettings(resolved, pollingInterval, useFileSystemWatcher, timeProvider);
    }
}
