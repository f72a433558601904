using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Auth.Methods.Token;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Configuration;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>The client a bootstrap run talks to Vault with: the sidecar's own HTTP handler (TLS, private CA) and pipeline (one attempt per call: a failed bootstrap is run again, it only applies what differs).</summary>
internal static class BootstrapConnection
{
    public static BootstrapVault Open(Uri address, string? ns, string? caFile, SecretValue token, TimeProvider time)
    {
        var tls = new VaultTlsSettings(caFile, null, null, null, false);
        var settings = new VaultSettings(address, ns, tls, new VaultAuthSettings("token", "token", new TokenFileAuth("/dev/null")),
            4, TimeSpan.FromSeconds(30), null, null);
        var http = new HttpClient(VaultHttp.CreateHandler(tls), disposeHandler: true);
        return new BootstrapVault(new VaultClient(http, settings, Resilience.BackendPipeline.Create(4, TimeSpan.FromSeconds(30), time)), token);
    }
}
