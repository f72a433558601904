using System.Text.Json;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// What Vault and the credentials directory hold now: the <c>data</c> of each path read (absent when Vault answered
/// 404 or the path was not read because its mount does not exist yet), and the content of each credentials file.
/// </summary>
internal sealed class ObservedState
{
    public Dictionary<string, JsonElement> Vault { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public JsonElement? Read(string path) => Vault.TryGetValue(path, out var data) ? data : null;
}
