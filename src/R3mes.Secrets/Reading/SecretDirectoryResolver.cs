namespace R3mes.Secrets.Reading;

/// <summary>Chooses the secrets directory: the option, else <c>$R3MES_SECRETS_DIR</c>, else <c>/run/secrets</c>.</summary>
internal static class SecretDirectoryResolver
{
    public static string Resolve(string? configured, Func<string, string?> environmentVariables)
    {
        ArgumentNullException.ThrowIfNull(environmentVariables);
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        var fromEnvironment = environmentVariables(SecretReaderOptions.DirectoryEnvironmentVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? SecretReaderOptions.DefaultDirectory : fromEnvironment;
    }
}
