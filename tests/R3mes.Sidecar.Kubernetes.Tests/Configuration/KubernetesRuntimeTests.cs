using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Kubernetes.Configuration;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Kubernetes.Tests.Configuration;

/// <summary>Where the API server is: the configured URL, else the in-cluster variables (IPv6 in brackets), else a clear error.</summary>
public sealed class KubernetesRuntimeTests
{
    [Theory]
    [InlineData("10.96.0.1", "443", "https://10.96.0.1/")]
    [InlineData("fd00::1", "6443", "https://[fd00::1]:6443/")]
    [InlineData("kubernetes.default.svc", "8443", "https://kubernetes.default.svc:8443/")]
    public void ApiServer_FromTheServiceVariables(string host, string port, string expected)
    {
        var runtime = Runtime(null, name => name switch { "KUBERNETES_SERVICE_HOST" => host, "KUBERNETES_SERVICE_PORT" => port, _ => null });
        Assert.Equal(new Uri(expected), runtime.ApiServer());
    }

    [Fact]
    public void ApiServer_Configured_WinsOverTheVariables_AndEndsWithASlash()
    {
        var runtime = Runtime(new Uri("https://api.example:6443/prefix"), _ => "10.96.0.1");
        Assert.Equal(new Uri("https://api.example:6443/prefix/"), runtime.ApiServer());
    }

    [Fact]
    public void ApiServer_OutsideACluster_SaysWhatToSet()
    {
        var error = Assert.Throws<SecretSourceException>(() => Runtime(null, _ => null).ApiServer());
        Assert.Contains("set kubernetes.api_server", error.Message, StringComparison.Ordinal);
        Assert.False(error.Transient);
    }

    private static KubernetesRuntime Runtime(Uri? server, Func<string, string?> environment) =>
        new(() => KubernetesSettings.InCluster with { ApiServer = server }, TimeProvider.System, new Random(1), NullLoggerFactory.Instance, environment);
}
