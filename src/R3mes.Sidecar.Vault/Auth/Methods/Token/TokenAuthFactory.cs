using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth.Methods.Token;

/// <summary><c>method: token</c> with <c>token_file</c>.</summary>
internal sealed class TokenAuthFactory() : AuthMethodFactory<TokenAuthOptions>("token", TokenAuthOptions.Keys)
{
    protected override TokenAuthOptions? Bind(IConfigurationSection section) => section.Get<TokenAuthOptions>();

    protected override IAuthMethod? Create(AuthMethodContext context, TokenAuthOptions options) =>
        context.RequirePath(options.TokenFile, "token_file", "/vault/token") is { } file ? new TokenFileAuth(file) : null;
}
