using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.Engines;
using R3mes.Sidecar.Vault.Leases;
using R3mes.Sidecar.Vault.Pki;
using R3mes.Sidecar.Vault.Tests.Support;

namespace R3mes.Sidecar.Vault.Tests.Pki;

/// <summary>
/// Issue 9 item 7: the certificate kept in state_dir is keyed by what was asked for. A restart with the same path
/// and params reuses it; a changed common_name, ttl, role or Vault issues a new one; state_dir holds a hash of the
/// request, never the params themselves; a state file from before the key existed is not reused.
/// </summary>
public sealed class PkiKeptCertificateTests : IDisposable
{
    private readonly PkiRig _rig = new();

    public void Dispose() => _rig.Dispose();

    [Fact]
    public async Task Restart_with_the_same_request_in_another_order_reuses_the_kept_certificate()
    {
        var issued = await PkiRig.FetchWrittenAsync(_rig.Source(Params(("common_name", "a.example.test"), ("ttl", "20s"))));

        var restarted = await _rig.Source(Params(("ttl", "20s"), ("common_name", "a.example.test"))).FetchAsync(CancellationToken.None);

        Assert.Single(_rig.Vault.Issued);
        Assert.Equal(issued.Fields["certificate"], restarted.Fields["certificate"]);
    }

    [Theory]
    [InlineData("b.example.test", "20s", "pki/issue/web")]
    [InlineData("a.example.test", "19s", "pki/issue/web")]
    [InlineData("a.example.test", "20s", "pki/issue/api")]
    public async Task Restart_with_a_changed_request_issues_a_new_certificate_and_keeps_that_one(string commonName, string ttl, string path)
    {
        var issued = await PkiRig.FetchWrittenAsync(_rig.Source(Params(("common_name", "a.example.test"), ("ttl", "20s"))));

        var changed = await PkiRig.FetchWrittenAsync(_rig.Source(Params(("common_name", commonName), ("ttl", ttl)), path));

        Assert.Equal(2, _rig.Vault.Issued.Count);
        Assert.StartsWith($"/v1/{path} ", _rig.Vault.Issued[1], StringComparison.Ordinal);
        Assert.Contains($"\"common_name\":\"{commonName}\"", _rig.Vault.Issued[1], StringComparison.Ordinal);
        Assert.NotEqual(issued.Fields["certificate"], changed.Fields["certificate"]);

        // The new certificate is the one kept now: a second restart with the changed request reuses it.
        var again = await _rig.Source(Params(("common_name", commonName), ("ttl", ttl)), path).FetchAsync(CancellationToken.None);
        Assert.Equal(2, _rig.Vault.Issued.Count);
        Assert.Equal(changed.Fields["certificate"], again.Fields["certificate"]);
    }

    [Fact]
    public async Task The_state_file_holds_a_hash_of_the_request_never_the_params()
    {
        await PkiRig.FetchWrittenAsync(_rig.Source(Params(("common_name", "canary-cn.example.test"), ("alt_names", "canary-alt.example.test"))));

        var state = File.ReadAllText(Path.Combine(_rig.StateDir, "pki-tls.json"));

        Assert.Matches("\"request\":\"sha256:[0-9a-f]{64}\"", state);
        Assert.DoesNotContain("canary-", state, StringComparison.Ordinal);
        Assert.DoesNotContain("pki/issue/web", state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_file_without_a_request_key_is_not_reused()
    {
        var issued = await PkiRig.FetchWrittenAsync(_rig.Source());
        var path = Path.Combine(_rig.StateDir, "pki-tls.json");
        var kept = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!;
        File.WriteAllText(path, kept["fields"]!.ToJsonString());   // the shape before the key: the fields alone

        var restarted = await _rig.Source().FetchAsync(CancellationToken.None);

        Assert.Equal(2, _rig.Vault.Issued.Count);
        Assert.NotEqual(issued.Fields["certificate"], restarted.Fields["certificate"]);
    }

    [Fact]
    public void The_request_key_covers_the_vault_address_and_namespace()
    {
        var options = new VaultSourceOptions(VaultPath.Segments("pki/issue/web"), "tls", null, Params(("common_name", "a")), LeasePolicy.Default, 0.66);
        var settings = TestVault.Settings();

        var keys = new[]
        {
            PkiRequest.Key(settings, options),
            PkiRequest.Key(settings with { Address = new Uri("http://other-vault.test:8200/") }, options),
            PkiRequest.Key(settings with { Namespace = "team-a" }, options),
            PkiRequest.Key(settings, options with { Params = Params(("common_name", "a"), ("ttl", "")) }),
            PkiRequest.Key(settings, options with { Params = Params(("common_nam", "ea")) }),
        };

        Assert.Equal(keys.Length, keys.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(keys[0], PkiRequest.Key(TestVault.Settings(), options with { Params = Params(("common_name", "a")) }));
    }

    private static Dictionary<string, string> Params(params (string Name, string Value)[] entries) =>
        entries.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
}
