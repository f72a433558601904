using System.Text.Json.Nodes;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// One change the plan makes: a Vault write at <see cref="Target"/> (or a local credentials file), described by
/// <see cref="Summary"/> — names and paths only. Secret values travel in <see cref="Secrets"/> and join the body only
/// when the request is built (<see cref="SecretsUnder"/> names the nested object they go in, e.g. KV v2's <c>data</c>).
/// </summary>
internal sealed record BootstrapStep(StepKind Kind, string Target, string Summary)
{
    public JsonObject? Body { get; init; }

    public IReadOnlyList<KeyValuePair<string, SecretValue>> Secrets { get; init; } = [];

    public string? SecretsUnder { get; init; }

    public DesiredCredentials? Credentials { get; init; }

    public bool WritesVault => Kind != StepKind.WriteRoleIdFile;

    public override string ToString() => Summary;
}
