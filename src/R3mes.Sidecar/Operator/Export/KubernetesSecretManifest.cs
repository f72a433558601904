using System.Text;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Export;

/// <summary>A <c>v1/Secret</c> of type Opaque, one <c>data</c> key per secret (base64), as <c>kubectl apply -f</c> takes it.</summary>
internal static class KubernetesSecretManifest
{
    public static SecretValue Render(string name, string? ns, IReadOnlyList<(string Key, SecretValue Value)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var text = new StringBuilder();
        text.Append("apiVersion: v1\nkind: Secret\nmetadata:\n");
        text.Append("  name: ").Append(name).Append('\n');
        if (!string.IsNullOrEmpty(ns))
        {
            text.Append("  namespace: ").Append(ns).Append('\n');
        }

        text.Append("  labels:\n    app.kubernetes.io/part-of: r3mes\n    app.kubernetes.io/managed-by: r3mes-sidecar\n");
        text.Append("type: Opaque\ndata:\n");
        foreach (var (key, value) in entries)
        {
            text.Append("  ").Append(key).Append(": ").Append(Convert.ToBase64String(value.Reveal())).Append('\n');
        }

        return SecretValue.FromUtf8(text.ToString());
    }
}
