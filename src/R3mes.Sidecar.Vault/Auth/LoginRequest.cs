using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// Either a login call (<see cref="Path"/> + <see cref="Body"/>) or, for the token method, a token to use as is.
/// </summary>
public sealed record LoginRequest(IReadOnlyList<string>? Path, IReadOnlyDictionary<string, string>? Body, SecretValue? DirectToken)
{
    public static LoginRequest Call(string mount, IReadOnlyDictionary<string, string> body) =>
        new([.. Client.VaultPath.Segments($"auth/{mount}/login")], body, null);

    public static LoginRequest Token(SecretValue token) => new(null, null, token);

    public override string ToString() => Path is null ? "direct token" : string.Join('/', Path);
}
