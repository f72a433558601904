using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Aws.Configuration;

/// <summary>The validated agent-compatible endpoint: where it listens, where its token comes from (null: AWS's default variables), its cache bounds.</summary>
public sealed record AwsAgentSettings(ListenAddress Listen, string? TokenSource, TimeSpan Ttl, int MaxEntries)
{
    /// <summary>Where AWS's own agent listens, so applications written for it need no change.</summary>
    public const string DefaultListen = "127.0.0.1:2773";
}
