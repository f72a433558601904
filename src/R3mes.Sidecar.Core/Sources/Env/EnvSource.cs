using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Sources.Env;

/// <summary>
/// A secret from the sidecar's environment, read once at start: <c>NAME_FILE</c> (a path) wins over <c>NAME</c>.
/// The migration path from <c>.env</c> files.
/// </summary>
internal sealed class EnvSource(string name, Func<string, string?> environment) : ISecretSource
{
    private SecretData? _value;

    public string Description => $"env {name}";

    public ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken)
    {
        _value ??= Read();
        return ValueTask.FromResult(_value);
    }

    private SecretData Read()
    {
        SecretValue value;
        if (environment(name + "_FILE") is { Length: > 0 } file)
        {
            try
            {
                value = SecretValue.FromBytes(File.ReadAllBytes(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new SecretSourceException($"{Description}: cannot read ${name}_FILE ({file}): {e.GetType().Name}");
            }
        }
        else if (environment(name) is { } text)
        {
            value = SecretValue.FromUtf8(text);
        }
        else
        {
            throw new SecretSourceException($"{Description}: neither ${name}_FILE nor ${name} is set", transient: false);
        }

        return new SecretData(value, SecretJson.TryReadObject(value, out var fields) ? fields : null, Freshness.Unknown);
    }
}
