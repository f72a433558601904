namespace R3mes.Sidecar.Aws.Agent;

/// <summary>
/// A parsed read request, as AWS's agent parses it (aws_secretsmanager_agent/src/parse.rs <c>GSVQuery</c>):
/// <c>/secretsmanager/get</c> takes <c>secretId</c> (required), <c>versionId</c>, <c>versionStage</c>,
/// <c>refreshNow</c> (true/1/false/0); <c>/v1/&lt;id&gt;</c> takes the id from the path and the same parameters but
/// <c>secretId</c>. Any other parameter is a 400 <c>unknown parameter: NAME</c>; the last of repeated ones wins.
/// Unlike AWS's agent, the path id is percent-decoded: secret names cannot hold '%', so this only helps apps that encode.
/// </summary>
internal sealed record AgentQuery(AgentCacheKey Key, bool RefreshNow)
{
    public const string GetPath = "/secretsmanager/get";
    public const string PathPrefix = "/v1/";

    /// <summary>Parses <paramref name="path"/> and <paramref name="query"/> (both still encoded); on failure, the 400 message.</summary>
    public static AgentQuery? TryParse(string path, string query, out string error)
    {
        var fromPath = path.StartsWith(PathPrefix, StringComparison.Ordinal);
        string? secretId = fromPath ? Decode(path[PathPrefix.Length..], plusIsSpace: false) : null;
        string? versionId = null;
        string? versionStage = null;
        var refreshNow = false;
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? pair : pair[..equals], plusIsSpace: true);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..], plusIsSpace: true);
            switch (name)
            {
                case "secretId" when !fromPath:
                    secretId = value;
                    break;
                case "versionId":
                    versionId = value;
                    break;
                case "versionStage":
                    versionStage = value;
                    break;
                case "refreshNow":
                    if (value.ToLowerInvariant() is not ("true" or "1" or "false" or "0"))
                    {
                        error = "invalid refreshNow value";
                        return null;
                    }

                    refreshNow = value.ToLowerInvariant() is "true" or "1";
                    break;
                default:
                    error = $"unknown parameter: {name}";
                    return null;
            }
        }

        if (string.IsNullOrEmpty(secretId))
        {
            error = fromPath ? "missing secret ID" : "missing parameter secretId";
            return null;
        }

        error = "";
        return new AgentQuery(new AgentCacheKey(secretId, versionId, versionStage), refreshNow);
    }

    private static string Decode(string text, bool plusIsSpace) =>
        Uri.UnescapeDataString(plusIsSpace ? text.Replace('+', ' ') : text);
}
