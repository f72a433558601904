using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Pipeline;

/// <summary>A source's backend: the kind its description starts with (<c>vault secret/app</c> → <c>vault</c>).</summary>
public static class BackendName
{
    public static string Of(ISecretSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var description = source.Description;
        var space = description.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? description : description[..space];
    }
}
