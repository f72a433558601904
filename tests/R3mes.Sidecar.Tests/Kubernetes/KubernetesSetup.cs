using R3mes.Sidecar.Kubernetes.Emulator;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Kubernetes;

/// <summary>
/// The Kubernetes API emulator over https, and what a pod would have: the service-account token, the cluster CA and
/// the namespace as files (written atomically, as the kubelet does) in <c>sa/</c> of the workspace.
/// </summary>
internal static class KubernetesSetup
{
    public const string FirstToken = "CANARY-sa-token-first-5c1e";
    public const string SecondToken = "CANARY-sa-token-rotated-9d2a";

    public static Task<KubernetesEmulator> StartAsync(KubernetesEmulatorOptions? options = null) =>
        KubernetesEmulator.StartAsync(options ?? new KubernetesEmulatorOptions { Token = FirstToken });

    /// <summary>Writes token, CA and namespace files; returns the <c>kubernetes:</c> section (with the API URL unless <paramref name="inCluster"/>).</summary>
    public static string Section(KubernetesEmulator kubernetes, TempWorkspace workspace, bool inCluster = false)
    {
        Directory.CreateDirectory(workspace.PathOf("sa"));
        WriteToken(workspace, kubernetes.Token);
        File.WriteAllText(workspace.PathOf("sa/ca.crt"), kubernetes.CaPem);
        File.WriteAllText(workspace.PathOf("sa/namespace"), "r3mes");
        var server = inCluster ? "" : $"api_server: \"{kubernetes.Address}\", ";
        return $"kubernetes: {{ {server}token_file: sa/token, ca_file: sa/ca.crt, namespace_file: sa/namespace }}";
    }

    /// <summary>Replaces the token file the way the kubelet does: a new file renamed over the old.</summary>
    public static void WriteToken(TempWorkspace workspace, string token)
    {
        var staging = workspace.PathOf($"sa/.token-{Guid.NewGuid():N}");
        File.WriteAllText(staging, token);
        File.Move(staging, workspace.PathOf("sa/token"), overwrite: true);
    }

    /// <summary>The in-cluster variables pointing at the emulator (used when the section names no api_server).</summary>
    public static Dictionary<string, string?> InClusterEnvironment(KubernetesEmulator kubernetes) => new()
    {
        ["KUBERNETES_SERVICE_HOST"] = kubernetes.Address.Host,
        ["KUBERNETES_SERVICE_PORT"] = kubernetes.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static Dictionary<string, string?> NoCluster() => new()
    {
        ["KUBERNETES_SERVICE_HOST"] = null,
        ["KUBERNETES_SERVICE_PORT"] = null,
    };

    public static IReadOnlyDictionary<string, string> Password(string value) => new Dictionary<string, string> { ["password"] = value };

    public static string Describe(KubernetesEmulator kubernetes) =>
        "\nAPI requests:\n" + string.Join('\n', kubernetes.Requests.Select(r => $"{r.Verb} {r.Namespace}/{r.Name} rv={r.ResourceVersion} -> {r.Status}"));
}
