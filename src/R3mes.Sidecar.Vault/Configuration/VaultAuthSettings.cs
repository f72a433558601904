namespace R3mes.Sidecar.Vault.Configuration;

/// <summary>The validated <c>vault.auth:</c>: the method name, its mount, and the files and role it uses.</summary>
public sealed record VaultAuthSettings(
    string Method,
    string Mount,
    string? Role,
    string? TokenFile,
    string? RoleIdFile,
    string? SecretIdFile,
    bool SecretIdWrapped,
    bool RemoveSecretIdFile,
    string? JwtFile,
    VaultAwsAuthSettings? Aws = null);
