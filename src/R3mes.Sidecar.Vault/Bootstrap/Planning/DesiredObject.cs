using System.Text.Json.Nodes;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// A configuration object the file wants at <see cref="Path"/> (a role, a connection, an auth method's config): the
/// body to write and the fields to compare with Vault's read. <see cref="Secrets"/> (a connection password) are added
/// to the body only when it is sent, and are never compared: Vault does not return them.
/// </summary>
internal sealed record DesiredObject(string What, string Path, JsonObject Body, IReadOnlyList<FieldCheck> Checks)
{
    public IReadOnlyList<KeyValuePair<string, SecretValue>> Secrets { get; init; } = [];

    /// <summary>The names of the fields whose value in <paramref name="current"/> differs from the wanted one.</summary>
    public IReadOnlyList<string> Differences(System.Text.Json.JsonElement current) =>
        [.. Checks.Where(c => !c.Matches(current)).Select(c => c.Name)];

    public override string ToString() => $"{What} {Path}";
}
