using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// Either a login call (<see cref="Path"/> + <see cref="Body"/>) or, for the token method, a token to use as is.
/// </summary>
public sealed record LoginRequest(IReadOnlyList<string>? Path, IReadOnlyDictionary<string, string>? Body, SecretValue? DirectToken)
{
    /// <summary>A call to <c>auth/&lt;mount&gt;/&lt;endpoint&gt;</c> (<c>login</c>, or e.g. <c>login/&lt;username&gt;</c>).</summary>
    public static LoginRequest Call(string mount, IReadOnlyDictionary<string, string> body, string endpoint = "login") =>
        new([.. Client.VaultPath.Segments($"auth/{mount}/{endpoint}")], body, null);

    public static LoginRequest Token(SecretValue token) => new(null, null, token);

    public override string ToString() => Path is null ? "direct token" : string.Join('/', Path);
}
