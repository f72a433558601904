namespace R3mes.Sidecar.Tests.Support;

/// <summary>What <see cref="RecordingHttpServer"/> saw of one request.</summary>
internal sealed record RecordedRequest(string Method, string Path, string? ChangedHeader);
