using System.Collections.Specialized;

namespace R3mes.Sidecar.Actions;

/// <summary>What <see cref="LoopbackHttpServer"/> saw of one request.</summary>
internal sealed record ReceivedRequest(string Method, string Path, NameValueCollection Headers, byte[] Body);
