using System.Text.Json.Serialization;

namespace R3mes.Sidecar.Endpoints;

/// <summary>Source-generated serialization of <c>/status</c> (no reflection in the NativeAOT binary).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(StatusDocument))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
