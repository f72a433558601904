using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// What an auth method factory gets: the <c>vault.auth</c> section (unknown keys are already reported), the method
/// name, the validated mount, the configuration file's directory and where to report problems (key paths
/// <c>vault.auth.&lt;key&gt;</c>).
/// </summary>
public sealed record AuthMethodContext(IConfigurationSection Section, string Method, string Mount, string BaseDirectory, ConfigErrors Errors)
{
    /// <summary>
    /// Runs the method's source-generated bind (the lambda keeps the call site concrete for the generator) and turns
    /// a conversion failure (<c>secret_id_wrapped: maybe</c>) into an error on <c>vault.auth</c>.
    /// </summary>
    public T Bind<T>(Func<IConfigurationSection, T?> bind)
        where T : new()
    {
        ArgumentNullException.ThrowIfNull(bind);
        try
        {
            return bind(Section) ?? new T();
        }
        catch (InvalidOperationException e)
        {
            Errors.Add(ConfigPath.Of(Section), e.Message.Replace(Section.Path, ConfigPath.Of(Section), StringComparison.Ordinal));
            return new T();
        }
    }

    /// <summary>Reports <c>vault.auth.&lt;key&gt;</c> when a key this method needs is missing; returns the value.</summary>
    public string? Require(string? value, string key, string example)
    {
        if (value is null)
        {
            Errors.Add($"vault.auth.{key}", $"the {Method} method needs {key}, e.g. {key}: {example}");
        }

        return value;
    }

    /// <summary>Like <see cref="Require"/> for a file's path, resolved against the configuration file's directory.</summary>
    public string? RequirePath(string? path, string key, string example) => ResolvePath(Require(path, key, example));

    /// <summary>A path from the configuration, resolved against the configuration file's directory.</summary>
    public string? ResolvePath(string? path) => path is null ? null : Path.GetFullPath(path, BaseDirectory);
}
