namespace R3mes.Secrets.DependencyInjection;

/// <summary>What <c>services.AddR3mesSecrets(…)</c> reads and watches.</summary>
public sealed class R3mesSecretsOptions
{
    /// <summary>Secrets directory. When null: <c>$R3MES_SECRETS_DIR</c> if set and not empty, else <c>/run/secrets</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>Remove one trailing <c>\n</c> (or <c>\r\n</c>) from each value. Default true.</summary>
    public bool TrimTrailingNewline { get; set; } = true;

    /// <summary>Look at <c>NAME_FILE</c> and <c>NAME</c> when the file is missing. Default true.</summary>
    public bool AllowEnvironmentFallback { get; set; } = true;

    /// <summary>Rescan interval of the watcher that invalidates cached values. Default 2 seconds.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>React to file system events at once (after a 100 ms quiet period). Default true.</summary>
    public bool UseFileSystemWatcher { get; set; } = true;

    /// <summary>Reads environment variables; replace it in tests instead of changing the process environment.</summary>
    public Func<string, string?> EnvironmentVariables { get; set; } = Environment.GetEnvironmentVariable;
}
