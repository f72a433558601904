using System.Text.Json.Serialization;
using R3mes.Sidecar.Pipeline;

namespace R3mes.Sidecar.Endpoints;

/// <summary>The body of <c>/status</c>: readiness, each backend's health and each secret's state. Names, times and value-free errors only.</summary>
internal sealed record StatusDocument(
    [property: JsonPropertyName("ready")] bool Ready,
    [property: JsonPropertyName("waiting_for")] IReadOnlyList<string> WaitingFor,
    [property: JsonPropertyName("backends")] IReadOnlyList<BackendEntry> Backends,
    [property: JsonPropertyName("secrets")] IReadOnlyList<SecretEntry> Secrets)
{
    public static StatusDocument From(StatusBoard board)
    {
        var now = board.Now;
        var ready = board.IsReady(out var waiting);
        return new StatusDocument(
            ready,
            waiting,
            [.. board.Backends().Select(b => new BackendEntry(b.Name, b.Up, b.Since, b.LastError))],
            [.. board.Snapshot().Select(s => new SecretEntry(
                s.Name, s.Backend, s.Required, Name(s.State(now)), s.LastSuccess, s.ExpiresAt, s.Failures, s.FailingSince, s.LastError))]);
    }

    private static string Name(SecretState state) => state switch
    {
        SecretState.Pending => "pending",
        SecretState.Ok => "ok",
        SecretState.Stale => "stale",
        SecretState.Failing => "failing",
        _ => "expired",
    };
}
