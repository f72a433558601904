using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Pipeline;

/// <summary>A file's target and the bytes it should hold.</summary>
public sealed record RenderedFile(FileTarget Target, SecretValue Content);
