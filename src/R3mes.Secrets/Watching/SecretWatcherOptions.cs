namespace R3mes.Secrets.Watching;

/// <summary>What a <see cref="SecretWatcher"/> watches and how.</summary>
public sealed class SecretWatcherOptions
{
    /// <summary>Secrets directory. When null: <c>$R3MES_SECRETS_DIR</c> if set, else <c>/run/secrets</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// How often the directory is rescanned even without file system events (inotify misses events on some
    /// volumes). Default 2 seconds; <see cref="Timeout.InfiniteTimeSpan"/> turns polling off.
    /// </summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>React to file system events at once (after a 100 ms quiet period). Default true.</summary>
    public bool UseFileSystemWatcher { get; set; } = true;

    /// <summary>Drives polling and the quiet period; replace it with a fake clock in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Reads <c>R3MES_SECRETS_DIR</c>; replace it in tests instead of changing the process environment.</summary>
    public Func<string, string?> EnvironmentVariables { get; set; } = Environment.GetEnvironmentVariable;
}
