using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth.Methods.Jwt;

/// <summary>The <c>jwt</c> and <c>kubernetes</c> methods' keys under <c>vault.auth</c>.</summary>
internal sealed class JwtAuthOptions
{
    public static readonly string[] Keys = ["role", "jwt_file"];

    public string? Role { get; set; }

    [ConfigurationKeyName("jwt_file")]
    public string? JwtFile { get; set; }
}
