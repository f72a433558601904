namespace R3mes.Sidecar.Configuration;

/// <summary>Collects every configuration problem so one run reports them all, not just the first.</summary>
public sealed class ConfigErrors
{
    private readonly List<ConfigError> _errors = [];

    public IReadOnlyList<ConfigError> All => _errors;

    public bool Any => _errors.Count > 0;

    public void Add(string path, string message) => _errors.Add(new ConfigError(path, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ConfigurationException(_errors);
        }
    }
}
