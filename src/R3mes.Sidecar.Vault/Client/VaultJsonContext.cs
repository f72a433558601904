using System.Text.Json;
using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Vault.Client;

/// <summary>Source-generated JSON for every Vault shape the client reads or writes (NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(VaultEnvelope))]
[JsonSerializable(typeof(VaultWrapInfo))]
[JsonSerializable(typeof(Auth.PersistedToken))]
[JsonSerializable(typeof(Leases.PersistedLease))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class VaultJsonContext : JsonSerializerContext;
