using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Vault.Pki;

/// <summary>Source-generated JSON for the certificate kept in <c>state_dir</c> (NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(PersistedCertificate))]
internal sealed partial class PkiJsonContext : JsonSerializerContext;
