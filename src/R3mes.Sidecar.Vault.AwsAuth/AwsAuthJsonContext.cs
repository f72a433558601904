using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Vault.AwsAuth;

/// <summary>The signed request's headers as Vault wants them: a JSON object of string arrays.</summary>
[JsonSerializable(typeof(Dictionary<string, string[]>))]
internal sealed partial class AwsAuthJsonContext : JsonSerializerContext;
