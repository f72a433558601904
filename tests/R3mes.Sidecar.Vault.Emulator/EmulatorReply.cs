using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>What to answer: a status and a body (null for 204), optionally raw (unwrap) or with a Location (307).</summary>
internal sealed record EmulatorReply(int Status, JsonNode? Body, string? Raw = null, string? Location = null)
{
    public static EmulatorReply Ok(JsonNode body) => new(200, body);

    public static EmulatorReply NoContent { get; } = new(204, null);

    public static EmulatorReply Error(int status, params string[] errors) => new(status, Envelope.Errors(errors));

    /// <summary>Vault ≥ 1.17 wording for a revoked, expired or unknown token (docs/concepts/tokens.mdx).</summary>
    public static EmulatorReply InvalidToken { get; } = Error(403, "2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n");

    /// <summary>A policy denial, multierror-wrapped as many 1.x servers send it.</summary>
    public static EmulatorReply Denied { get; } = Error(403, "1 error occurred:\n\t* permission denied\n\n");
}
