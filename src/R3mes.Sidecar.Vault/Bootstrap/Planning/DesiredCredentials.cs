namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>Where one AppRole service's role id and wrapped secret id go, and the role they belong to.</summary>
internal sealed record DesiredCredentials(string Service, string RolePath, string RoleIdFile, string SecretIdFile, TimeSpan WrapTtl)
{
    public string RoleIdPath => $"{RolePath}/role-id";

    public string SecretIdPath => $"{RolePath}/secret-id";
}
