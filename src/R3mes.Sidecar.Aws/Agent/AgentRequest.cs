namespace R3mes.Sidecar.Aws.Agent;

/// <summary>
/// What the handler needs from an HTTP request: the method, the request target as sent (origin form, still
/// percent-encoded), the <c>X-Aws-Parameters-Secrets-Token</c> header and whether <c>X-Forwarded-For</c> was present.
/// </summary>
internal sealed record AgentRequest(string Method, string Target, string? Token, bool Forwarded);
