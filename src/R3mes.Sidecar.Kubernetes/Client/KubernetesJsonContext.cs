using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Kubernetes.Client;

/// <summary>Source-generated JSON for the API objects the client reads (NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SecretObject))]
[JsonSerializable(typeof(SecretList))]
[JsonSerializable(typeof(ApiStatus))]
[JsonSerializable(typeof(WatchFrame))]
internal sealed partial class KubernetesJsonContext : JsonSerializerContext;
