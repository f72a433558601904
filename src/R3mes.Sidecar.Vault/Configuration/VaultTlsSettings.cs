namespace R3mes.Sidecar.Vault.Configuration;

/// <summary>The validated <c>vault.tls:</c>; paths are absolute.</summary>
public sealed record VaultTlsSettings(string? CaFile, string? ServerName, string? ClientCert, string? ClientKey, bool SkipVerify)
{
    /// <summary><c>ca_pem</c>: the CA given inline (the Kubernetes injector delivers it in the configuration, no file to mount).</summary>
    public string? CaPem { get; init; }
}
