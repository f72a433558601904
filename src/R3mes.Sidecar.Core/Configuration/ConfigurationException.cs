namespace R3mes.Sidecar.Configuration;

/// <summary>The configuration is invalid; the message lists every problem with its key path and fix.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(IReadOnlyList<ConfigError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public ConfigurationException(string message) : this([new ConfigError("", message)])
    {
    }

    public ConfigurationException() : this("invalid configuration")
    {
    }

    public ConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
        Errors = [new ConfigError("", message)];
    }

    public IReadOnlyList<ConfigError> Errors { get; }
}
