namespace R3mes.Secrets.Tests.TestSupport;

/// <summary>Environment variables for one test, so the process environment is never changed.</summary>
internal sealed class FakeEnvironment
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public string? this[string name]
    {
        get => _variables.TryGetValue(name, out var value) ? value : null;
        set
        {
            if (value is null)
                _variables.Remove(name);
            else
                _variables[name] = value;
        }
    }

    public string? Read(string name) => this[name];
}
