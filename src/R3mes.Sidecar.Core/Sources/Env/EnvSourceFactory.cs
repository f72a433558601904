namespace R3mes.Sidecar.Sources.Env;

/// <summary><c>source: { env: JWT_SECRET }</c>.</summary>
internal sealed class EnvSourceFactory(Func<string, string?> environment) : ISecretSourceFactory
{
    public EnvSourceFactory() : this(Environment.GetEnvironmentVariable)
    {
    }

    public string Kind => "env";

    public IReadOnlyCollection<string> OptionKeys => [];

    public TimeSpan DefaultRefresh => Timeout.InfiniteTimeSpan;

    public ISecretSource? Create(SourceContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Location;
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            context.Errors.Add($"{context.Path}.{Kind}", $"'{name}' is not an environment variable name (letters, digits, '_')");
            return null;
        }

        return new EnvSource(name, environment);
    }
}
