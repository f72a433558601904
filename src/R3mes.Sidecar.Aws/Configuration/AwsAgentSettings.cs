using System.Net;

namespace R3mes.Sidecar.Aws.Configuration;

/// <summary>The validated agent-compatible endpoint: where it listens, where its token comes from (null: AWS's default variables), its cache bounds.</summary>
public sealed record AwsAgentSettings(IPEndPoint Listen, string? TokenSource, TimeSpan Ttl, int MaxEntries);
