using R3mes.Sidecar.Injector.Tests.Support;

namespace R3mes.Sidecar.Injector.Tests.Webhook;

/// <summary>The key pair is re-read when its files change (cert-manager rotation), without a restart.</summary>
public sealed class CertificateRotationTests
{
    [Fact]
    public async Task RotatedFiles_AreServedAtTheNextHandshake()
    {
        await using var server = await WebhookServer.StartAsync();
        using (var first = await server.Client.GetAsync("/healthz"))
        {
            Assert.True(first.IsSuccessStatusCode);
        }

        Assert.Equal("CN=injector-1", server.LastServerCertificate!.Subject);

        var rotated = TestCertificate.Write(server.Directory.File("tls.crt.new"), server.Directory.File("tls.key.new"), "injector-2");
        File.Move(server.Directory.File("tls.key.new"), server.Directory.File("tls.key"), overwrite: true);
        File.Move(server.Directory.File("tls.crt.new"), server.Directory.File("tls.crt"), overwrite: true);

        // New connections (the client pools none) see the new certificate.
        await Eventually.Until(async () =>
        {
            using var response = await server.Client.GetAsync("/healthz");
            return server.LastServerCertificate!.Thumbprint == rotated.Thumbprint;
        }, TimeSpan.FromSeconds(20), () => $"still served {server.LastServerCertificate!.Subject}");
    }

    [Fact]
    public async Task AKubernetesSecretVolumeSwap_ThroughTheDataSymlink_IsPickedUp()
    {
        await using var server = await WebhookServer.StartAsync();
        // Lay the files out as the kubelet does: tls.crt -> ..data/tls.crt, ..data -> ..2026_12_04_1
        var dir = server.Directory.Path;
        Directory.CreateDirectory(Path.Combine(dir, "..2026_12_04_1"));
        File.Move(Path.Combine(dir, "tls.crt"), Path.Combine(dir, "..2026_12_04_1", "tls.crt"));
        File.Move(Path.Combine(dir, "tls.key"), Path.Combine(dir, "..2026_12_04_1", "tls.key"));
        File.CreateSymbolicLink(Path.Combine(dir, "..data"), "..2026_12_04_1");
        File.CreateSymbolicLink(Path.Combine(dir, "tls.crt"), "..data/tls.crt");
        File.CreateSymbolicLink(Path.Combine(dir, "tls.key"), "..data/tls.key");
        using (var before = await server.Client.GetAsync("/healthz"))
        {
            Assert.True(before.IsSuccessStatusCode);
        }

        Directory.CreateDirectory(Path.Combine(dir, "..2026_12_04_2"));
        var rotated = TestCertificate.Write(Path.Combine(dir, "..2026_12_04_2", "tls.crt"), Path.Combine(dir, "..2026_12_04_2", "tls.key"), "injector-3");
        File.CreateSymbolicLink(Path.Combine(dir, "..data_tmp"), "..2026_12_04_2");
        Tool.Run("mv", ["-T", Path.Combine(dir, "..data_tmp"), Path.Combine(dir, "..data")]); // rename(2): the kubelet's atomic swap

        await Eventually.Until(async () =>
        {
            using var response = await server.Client.GetAsync("/healthz");
            return server.LastServerCertificate!.Thumbprint == rotated.Thumbprint;
        }, TimeSpan.FromSeconds(20), () => $"still served {server.LastServerCertificate!.Subject}");
    }

    [Fact]
    public async Task AHalfWrittenPair_KeepsServingThePreviousCertificate()
    {
        await using var server = await WebhookServer.StartAsync();
        using (var before = await server.Client.GetAsync("/healthz"))
        {
            Assert.True(before.IsSuccessStatusCode);
        }

        var served = server.LastServerCertificate!.Thumbprint;
        File.WriteAllText(server.Directory.File("tls.key"), "-----BEGIN PRIVATE KEY-----\ntruncated");

        using var during = await server.Client.GetAsync("/healthz");

        Assert.True(during.IsSuccessStatusCode);
        Assert.Equal(served, server.LastServerCertificate!.Thumbprint);
    }
}
