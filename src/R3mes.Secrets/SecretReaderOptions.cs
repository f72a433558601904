using R3mes.Secrets.Reading;

namespace R3mes.Secrets;

/// <summary>Where and how a <see cref="SecretReader"/> looks for secrets.</summary>
public sealed class SecretReaderOptions
{
    /// <summary>The directory the sidecar writes to, used when neither the option nor the variable is set.</summary>
    public const string DefaultDirectory = "/run/secrets";

    /// <summary>Environment variable that overrides <see cref="DefaultDirectory"/>.</summary>
    public const string DirectoryEnvironmentVariable = "R3MES_SECRETS_DIR";

    /// <summary>
    /// Secrets directory. When null: <c>$R3MES_SECRETS_DIR</c> if set and not empty, else <c>/run/secrets</c>.
    /// </summary>
    public string? Directory { get; set; }

    /// <summary>Remove one trailing <c>\n</c> (or <c>\r\n</c>) from each value. Default true.</summary>
    public bool TrimTrailingNewline { get; set; } = true;

    /// <summary>Look at <c>NAME_FILE</c> and <c>NAME</c> when the file is missing. Default true.</summary>
    public bool AllowEnvironmentFallback { get; set; } = true;

    /// <summary>Reads an environment variable; replace it in tests instead of changing the process environment.</summary>
    public Func<string, string?> EnvironmentVariables { get; set; } = Environment.GetEnvironmentVariable;

    internal SecretLookup CreateLookup()
    {
        ArgumentNullException.ThrowIfNull(EnvironmentVariables);
        return new SecretLookup(
            SecretDirectoryResolver.Resolve(Directory, EnvironmentVariables),
            TrimTrailingNewline,
            AllowEnvironmentFallback ? EnvironmentVariables : null);
    }
}
