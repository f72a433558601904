using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Resilience;
using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Auth.Methods.Token;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Configuration;

namespace R3mes.Sidecar.Vault.Tests.Support;

/// <summary>Builds a client and session over a <see cref="FakeVault"/> (one attempt per call, as in the product).</summary>
internal static class TestVault
{
    public static readonly Uri Address = new("http://vault.test:8200/");

    public static VaultSettings Settings(string? ns = null) => new(
        Address, ns, new VaultTlsSettings(null, null, null, null, false),
        new VaultAuthSettings("token", "token", new TokenFileAuth("/dev/null")),
        8, TimeSpan.FromSeconds(5), null, null);

    public static VaultClient Client(FakeVault fake, string? ns = null) =>
        new(new HttpClient(fake), Settings(ns), BackendPipeline.Create(8, TimeSpan.FromSeconds(5), TimeProvider.System));

    public static VaultSession Session(VaultClient client, IAuthMethod auth, TimeProvider? time = null) =>
        new(client, auth, new StatusBoard(time ?? TimeProvider.System), time ?? TimeProvider.System, NullLogger<VaultSession>.Instance);
}
