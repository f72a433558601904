using System.Text.Json.Serialization;
using R3mes.Sidecar.Injector.Patching;

namespace R3mes.Sidecar.Injector.Admission;

/// <summary>Source-generated JSON for everything the webhook reads and writes (NativeAOT: no reflection).</summary>
[JsonSourceGenerationOptions(MaxDepth = 256)]
[JsonSerializable(typeof(AdmissionReview))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(List<PatchOperation>))]
internal sealed partial class AdmissionJsonContext : JsonSerializerContext;
