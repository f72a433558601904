namespace R3mes.Sidecar.Vault.Auth.Methods.Cert;

/// <summary>The <c>cert</c> method's key under <c>vault.auth</c>: the optional role name.</summary>
internal sealed class CertAuthOptions
{
    public static readonly string[] Keys = ["role"];

    public string? Role { get; set; }
}
