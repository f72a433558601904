using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Resilience;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Auth.Methods.Token;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Engines;
using R3mes.Sidecar.Vault.Leases;
using R3mes.Sidecar.Vault.Pki;
using R3mes.Sidecar.Vault.State;

namespace R3mes.Sidecar.Vault.Tests.Support;

/// <summary>
/// <see cref="PkiSource"/>s over a <see cref="FakePkiVault"/> on one fake clock, with a state_dir: each
/// <see cref="Source"/> call is a fresh sidecar (a restart), keyed like the product keys it.
/// </summary>
internal sealed class PkiRig : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Directory.CreateTempSubdirectory("r3mes-pki-rig-").FullName;

    public PkiRig()
    {
        Vault = new FakePkiVault(Time);
        File.WriteAllText(Path.Combine(_dir, "token"), "hvs.pki-rig-token");
    }

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new(Start);

    public FakePkiVault Vault { get; }

    public string StateDir => Path.Combine(_dir, "state");

    public PkiSource Source(IReadOnlyDictionary<string, string>? parameters = null, string path = "pki/issue/web", double jitter = 0.5)
    {
        var settings = TestVault.Settings();
        var client = new VaultClient(new HttpClient(Vault), settings, BackendPipeline.Create(8, TimeSpan.FromSeconds(5), TimeProvider.System));
        var runtime = new VaultRuntime(settings, client, TestVault.Session(client, new TokenFileAuth(Path.Combine(_dir, "token")), Time), StateDir);
        var options = new VaultSourceOptions(VaultPath.Segments(path), "tls", null,
            parameters ?? new Dictionary<string, string> { ["common_name"] = "app.example.test", ["ttl"] = "20s" }, LeasePolicy.Default, VaultSourceOptions.DefaultRenewAt);
        var store = new PkiStore(new StateFiles(StateDir), "tls", PkiRequest.Key(settings, options));
        return new PkiSource(runtime, options, store, Time, new FixedRandom(jitter), NullLogger<PkiSource>.Instance);
    }

    /// <summary>Fetches and acknowledges the write, as the pipeline does when every file is on disk.</summary>
    public static async Task<SecretData> FetchWrittenAsync(PkiSource source)
    {
        var data = await source.FetchAsync(CancellationToken.None);
        await source.WrittenAsync(data, CancellationToken.None);
        return data;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
