using System.Text.RegularExpressions;

namespace R3mes.Sidecar.Injector.Pods;

/// <summary>A non-negative Kubernetes resource quantity: <c>10m</c>, <c>0.5</c>, <c>64Mi</c>, <c>1e3</c>.</summary>
internal static partial class Quantity
{
    public static bool IsValid(string? text) => text is { Length: > 0 and <= 32 } && Pattern().IsMatch(text);

    [GeneratedRegex(@"^([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+|[numkMGTPE]|[KMGTPE]i)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
