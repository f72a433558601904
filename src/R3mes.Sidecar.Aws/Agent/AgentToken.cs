using System.Security.Cryptography;
using System.Text;

namespace R3mes.Sidecar.Aws.Agent;

/// <summary>
/// The SSRF token every request but <c>/ping</c> must carry in <c>X-Aws-Parameters-Secrets-Token</c>. Read once at
/// start from <c>env:NAME</c> or <c>file:///path</c>; without a configured source, from the first of AWS_TOKEN,
/// AWS_SESSION_TOKEN, AWS_CONTAINER_AUTHORIZATION_TOKEN that is set, as AWS's agent does (config.rs
/// <c>DEFAULT_SSRF_ENV_VARIABLES</c>); a variable holding <c>file://PATH</c> names a file whose trimmed content is
/// the token (utils.rs <c>get_token</c>). Compared in constant time over SHA-256 digests, so neither the content nor
/// the length of the token leaks through timing.
/// </summary>
internal sealed class AgentToken
{
    public static readonly string[] DefaultVariables = ["AWS_TOKEN", "AWS_SESSION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN"];
    private const string FilePrefix = "file://";
    private readonly byte[] _digest;

    private AgentToken(string token) => _digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Loads the token; throws <see cref="AgentTokenException"/> naming the source when it is missing, unreadable or empty.</summary>
    public static AgentToken Load(string? source, Func<string, string?> environment, Func<string, string> readFile)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(readFile);
        string? value;
        string from;
        if (source is null)
        {
            var name = DefaultVariables.FirstOrDefault(n => environment(n) is not null);
            from = name is null ? $"any of {string.Join(", ", DefaultVariables)}" : name;
            value = name is null ? null : environment(name);
        }
        else if (source.StartsWith("env:", StringComparison.Ordinal))
        {
            from = source["env:".Length..];
            value = environment(from);
        }
        else
        {
            from = source;
            value = source;
        }

        if (value is not null && value.StartsWith(FilePrefix, StringComparison.Ordinal))
        {
            var path = value[FilePrefix.Length..];
            try
            {
                from = path;
                value = readFile(path).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new AgentTokenException($"cannot read the token file {path}: {e.Message}");
            }
        }

        if (string.IsNullOrEmpty(value))
        {
            throw new AgentTokenException($"no token in {from}: the endpoint will not start without one; set aws.agent.token to env:NAME or file:///path holding a random value, and give the same value to the app");
        }

        return new AgentToken(value);
    }

    /// <summary>True when <paramref name="presented"/> is the token (constant time).</summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_digest, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
