using R3mes.Sidecar.Vault.Configuration;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>Makes the configured auth method. The names are validated by <see cref="VaultSection"/>.</summary>
internal static class AuthMethods
{
    public static IAuthMethod Create(VaultAuthSettings auth) => auth.Method switch
    {
        "token" => new TokenFileAuth(auth.TokenFile!),
        "approle" => new AppRoleAuth(auth.Mount, auth.RoleIdFile!, auth.SecretIdFile!, auth.SecretIdWrapped, auth.RemoveSecretIdFile),
        "kubernetes" or "jwt" => new JwtAuth(auth.Method, auth.Mount, auth.Role!, auth.JwtFile!),
        "cert" => new CertAuth(auth.Mount, auth.Role),
        "aws" => new AwsIamAuth(auth.Mount, auth.Role!, auth.Aws!.StsEndpoint, auth.Aws.StsRegion, auth.Aws.ServerId),
        _ => throw new InvalidOperationException($"auth method '{auth.Method}' is not available in this build"),
    };
}
