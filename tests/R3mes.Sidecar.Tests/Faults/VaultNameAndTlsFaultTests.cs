using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;
using R3mes.Sidecar.Tests.Vault;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// Fault matrix (issue 15, suite 1): Vault's name stops resolving (a DNS outage, seen through a hosts file only the
/// sidecar sees), and Vault presents an expired certificate or one for another host (TLS terminated by
/// <see cref="FaultProxy"/> with certificates of a private CA). Verification must fail closed — no value read over
/// such a connection — and succeed again once the right certificate is back.
/// </summary>
public sealed class VaultNameAndTlsFaultTests
{
    private const string Name = "vault-fault.invalid";

    [Fact]
    public async Task Vault_name_does_not_resolve__keeps_last_good_reports_unreachable_and_recovers()
    {
        await using var vault = await VaultSetup.StartAsync();
        await using var proxy = FaultProxy.Start(vault.Address.Port);
        using var workspace = new TempWorkspace();
        var hosts = new PrivateHosts(workspace.PathOf("hosts"));
        hosts.Map(Name);
        using var cell = await VaultCell.StartAsync(workspace, vault, new Uri($"http://{Name}:{proxy.Port}/"), launcher: hosts.Launcher);

        // Dropping the connections in flight makes the client connect, and so resolve, again.
        await FaultPromises.HoldAsync(cell, Fault.Of("unreachable", backendDown: true, () => { hosts.Clear(); proxy.DropConnections(); }, () => hosts.Map(Name)), hosts.Launcher);
    }

    [Fact]
    public async Task Vault_certificate_expired__refuses_the_connection_keeps_last_good_and_recovers() =>
        await HoldWithCertificateAsync(c => c.Expired);

    [Fact]
    public async Task Vault_certificate_for_another_host__refuses_the_connection_keeps_last_good_and_recovers() =>
        await HoldWithCertificateAsync(c => c.WrongHost);

    private static async Task HoldWithCertificateAsync(Func<FaultCertificates, System.Security.Cryptography.X509Certificates.X509Certificate2> bad)
    {
        using var certificates = new FaultCertificates();
        await using var vault = await VaultSetup.StartAsync();
        await using var proxy = FaultProxy.Start(vault.Address.Port, certificates.Good);
        using var workspace = new TempWorkspace();
        await File.WriteAllTextAsync(workspace.PathOf("vault-ca.pem"), certificates.CaPem);
        using var cell = await VaultCell.StartAsync(workspace, vault, proxy.Address, tls: "tls: { ca_file: vault-ca.pem }");

        await FaultPromises.HoldAsync(cell, Fault.Of("unreachable", backendDown: true, () => proxy.Certificate = bad(certificates), () => proxy.Certificate = certificates.Good));

        var reads = vault.Requests.Count(r => r.Path == VaultSetup.DataPath && r.Status == 200);
        Assert.True(reads >= 2, "the first values and the next came through the TLS proxy");
    }
}
