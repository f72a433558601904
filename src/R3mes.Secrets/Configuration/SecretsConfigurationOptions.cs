namespace R3mes.Secrets.Configuration;

/// <summary>How <c>AddR3mesSecrets</c> maps secrets into configuration.</summary>
public sealed class SecretsConfigurationOptions
{
    /// <summary>Secrets directory. When null: <c>$R3MES_SECRETS_DIR</c> if set, else <c>/run/secrets</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// Section the secrets appear under: file <c>jwt_secret</c> becomes key <c>Secrets:jwt_secret</c>, so secrets
    /// cannot collide with other settings. Empty puts them at the root (<c>jwt_secret</c>), which with the
    /// <c>__</c> → <c>:</c> mapping lets a file <c>ConnectionStrings__Default</c> fill <c>ConnectionStrings:Default</c>.
    /// Default <c>Secrets</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "Secrets";

    /// <summary>
    /// Secrets also looked up through <c>$NAME_FILE</c> and <c>$NAME</c> when the directory has no file for them, as
    /// <see cref="SecretReader"/> does. Every file of the directory is loaded whether listed or not. Default: the ten
    /// R3MES secrets (<see cref="SecretKey.All"/>); add your own with <see cref="SecretKey.Create(string)"/>.
    /// </summary>
    public IList<SecretKey> Keys { get; } = [.. SecretKey.All];

    /// <summary>Look at <c>$NAME_FILE</c> and <c>$NAME</c> for <see cref="Keys"/>. Default true.</summary>
    public bool AllowEnvironmentFallback { get; set; } = true;

    /// <summary>
    /// Start without directory keys when the directory does not exist (a developer machine without
    /// <c>/run/secrets</c>); <see cref="Keys"/> still come from the environment. False: fail at start. Default true.
    /// </summary>
    public bool Optional { get; set; } = true;

    /// <summary>Remove one trailing <c>\n</c> (or <c>\r\n</c>) from each value. Default true.</summary>
    public bool TrimTrailingNewline { get; set; } = true;

    /// <summary>Watch the directory and reload when a file's content changes. Default true.</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>Rescan interval when reloading (inotify misses events on some volumes). Default 2 seconds.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>React to file system events at once instead of waiting for the next poll. Default true.</summary>
    public bool UseFileSystemWatcher { get; set; } = true;

    /// <summary>Drives polling; replace it with a fake clock in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Reads environment variables; replace it in tests instead of changing the process environment.</summary>
    public Func<string, string?> EnvironmentVariables { get; set; } = Environment.GetEnvironmentVariable;
}
