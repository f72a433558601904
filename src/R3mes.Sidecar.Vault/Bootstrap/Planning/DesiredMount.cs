using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>A secrets engine or auth method to enable at <see cref="Path"/> (<c>sys/mounts/…</c> or <c>sys/auth/…</c>).</summary>
internal sealed record DesiredMount(string Path, string Type, int? KvVersion, JsonObject Body, bool IsAuth)
{
    public string Describe() => IsAuth
        ? $"enable auth method {Type} at auth/{Path}/"
        : $"enable secrets engine {Type}{(KvVersion is { } v ? $" (version {v.ToString(System.Globalization.CultureInfo.InvariantCulture)})" : "")} at {Path}/";
}
