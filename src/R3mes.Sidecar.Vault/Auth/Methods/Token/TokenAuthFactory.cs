using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth.Methods.Token;

/// <summary><c>method: token</c> with <c>token_file</c>.</summary>
internal sealed class TokenAuthFactory : IAuthMethodFactory
{
    public string Method => "token";

    public IReadOnlyCollection<string> OptionKeys => TokenAuthOptions.Keys;

    public IAuthMethod? Create(AuthMethodContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Bind(s => s.Get<TokenAuthOptions>());
        return context.Require(options.TokenFile, "token_file", "/vault/token") is { } file
            ? new TokenFileAuth(context.ResolvePath(file)!)
            : null;
    }
}
