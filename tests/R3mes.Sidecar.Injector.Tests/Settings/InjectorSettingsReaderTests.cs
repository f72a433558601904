using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Injector.Settings;
using R3mes.Sidecar.Injector.Tests.Support;

namespace R3mes.Sidecar.Injector.Tests.Settings;

/// <summary>The injector's file: every problem reported with its key; the system namespaces always skipped.</summary>
public sealed class InjectorSettingsReaderTests
{
    [Fact]
    public void EveryProblem_IsReportedWithItsKey()
    {
        using var directory = new TempDirectory();
        File.WriteAllText(directory.File("injector.yaml"), """
            listen: nowhere
            tls: { cert_file: tls.crt }
            sidecar: { pull_policy: Sometimes, layout: sideways, memory_limit: 64MB, uid: 0 }
            vault: { address: "vault:8200/v1", ca_file: missing.pem }
            extra: 1
            """);

        var e = Assert.Throws<ConfigurationException>(() => InjectorSettingsReader.Read(directory.File("injector.yaml")));

        var paths = e.Errors.Select(error => error.Path).ToList();
        Assert.Equivalent(new[] { "extra", "listen", "tls.key_file", "sidecar.image", "sidecar.pull_policy", "sidecar.layout", "sidecar.uid", "sidecar.memory_limit", "vault.address" }, paths);
    }

    [Fact]
    public void AnUnreadableVaultCa_IsAnError_AndAGoodOneIsKeptAsPem()
    {
        using var directory = new TempDirectory();
        TestCertificate.Write(directory.File("ca.pem"), directory.File("ca.key"), "vault-ca");
        File.WriteAllText(directory.File("bad.yaml"), "tls: { cert_file: a, key_file: b }\nsidecar: { image: i }\nvault: { address: https://vault:8200, ca_file: missing.pem }\n");
        File.WriteAllText(directory.File("good.yaml"), "tls: { cert_file: a, key_file: b }\nsidecar: { image: i }\nvault: { address: https://vault:8200, ca_file: ca.pem }\nskip_namespaces: [infra]\n");

        var e = Assert.Throws<ConfigurationException>(() => InjectorSettingsReader.Read(directory.File("bad.yaml")));
        var settings = InjectorSettingsReader.Read(directory.File("good.yaml"));

        Assert.Equal("vault.ca_file", Assert.Single(e.Errors).Path);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", settings.Vault!.CaPem, StringComparison.Ordinal);
        Assert.Equal(new[] { "infra", "kube-public", "kube-system" }, settings.SkipNamespaces.Order(StringComparer.Ordinal));
        Assert.Equal(65532, settings.Sidecar.Uid);
        Assert.Equal("5m", settings.Sidecar.Resources.CpuRequest);
    }
}
