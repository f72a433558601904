namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// A validated bootstrap file: what Vault must hold for the R3MES sidecars — engines, auth methods, the initial
/// secrets (their values read from files, never from the file itself), and one policy and role per service.
/// </summary>
internal sealed record BootstrapSpec(
    VaultTarget Vault,
    KvSpec? Kv,
    DatabaseSpec? Database,
    PkiSpec? Pki,
    AuthSpec Auth,
    IReadOnlyList<ServiceSpec> Services,
    CredentialsSpec? Credentials);
