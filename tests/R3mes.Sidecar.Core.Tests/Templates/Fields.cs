using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Core.Tests.Templates;

internal static class Fields
{
    public static Dictionary<string, SecretValue> Of(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => SecretValue.FromUtf8(f.Value), StringComparer.Ordinal);
}
