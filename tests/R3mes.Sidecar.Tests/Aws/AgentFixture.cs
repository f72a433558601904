using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Aws.Agent;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>An agent request handler over a fake reader, a fake clock and a recording logger.</summary>
internal sealed class AgentFixture
{
    public const string Token = "agent-token-7f3e";

    public AgentFixture(TimeSpan? ttl = null, int maxEntries = 1000, string token = Token)
    {
        Cache = new AgentCache(Reader, ttl ?? TimeSpan.FromSeconds(300), maxEntries, Time);
        Handler = new AgentRequestHandler(Cache, AgentToken.Load("env:AGENT_TOKEN", n => n == "AGENT_TOKEN" ? token : null, _ => ""), Log);
    }

    public FakeSecretValueReader Reader { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public RecordingLogger<AgentRequestHandler> Log { get; } = new();

    public AgentCache Cache { get; }

    public AgentRequestHandler Handler { get; }

    public Task<AgentResponse> GetAsync(string target, string? token = Token, string method = "GET", bool forwarded = false) =>
        Handler.HandleAsync(new AgentRequest(method, target, token, forwarded), CancellationToken.None);
}
