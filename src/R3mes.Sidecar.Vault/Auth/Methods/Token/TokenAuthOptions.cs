using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth.Methods.Token;

/// <summary>The <c>token</c> method's key under <c>vault.auth</c>.</summary>
internal sealed class TokenAuthOptions
{
    public static readonly string[] Keys = ["token_file"];

    [ConfigurationKeyName("token_file")]
    public string? TokenFile { get; set; }
}
