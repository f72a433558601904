using Microsoft.Extensions.Configuration;

namespace R3mes.Sidecar.Vault.Auth.Methods.AppRole;

/// <summary>The <c>approle</c> method's keys under <c>vault.auth</c>.</summary>
internal sealed class AppRoleAuthOptions
{
    public static readonly string[] Keys = ["role_id_file", "secret_id_file", "secret_id_wrapped", "remove_secret_id_file"];

    [ConfigurationKeyName("role_id_file")]
    public string? RoleIdFile { get; set; }

    [ConfigurationKeyName("secret_id_file")]
    public string? SecretIdFile { get; set; }

    [ConfigurationKeyName("secret_id_wrapped")]
    public bool SecretIdWrapped { get; set; }

    [ConfigurationKeyName("remove_secret_id_file")]
    public bool RemoveSecretIdFile { get; set; }
}
