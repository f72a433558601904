using R3mes.Sidecar.Injector.Settings;

namespace R3mes.Sidecar.Injector.Tests.Support;

/// <summary>The tests' injector settings, read from the same YAML the HTTPS server uses (for in-process handler tests).</summary>
internal static class WebhookSettings
{
    public static InjectorSettings Read(string settingsYaml = WebhookServer.DefaultSettings)
    {
        using var directory = new TempDirectory();
        TestCertificate.Write(directory.File("tls.crt"), directory.File("tls.key"), "injector");
        TestCertificate.Write(directory.File("vault-ca.pem"), directory.File("vault-ca.key"), "vault-ca");
        File.WriteAllText(directory.File("injector.yaml"),
            "listen: 127.0.0.1:0\ntls: { cert_file: tls.crt, key_file: tls.key }\nnamespace: r3mes-system\n" + settingsYaml);
        return InjectorSettingsReader.Read(directory.File("injector.yaml"));
    }
}
