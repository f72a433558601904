using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Kubernetes.Configuration;

/// <summary>
/// Owns <c>kubernetes:</c>: the API server URL, the token, CA and namespace files. Reads no file and no environment
/// variable: <c>check</c> must pass outside a cluster (the injector checks the configurations it generates).
/// </summary>
internal sealed class KubernetesSection : IConfigSectionOwner
{
    public const string Name = "kubernetes";

    public string Section => Name;

    public object? Read(IConfigurationSection section, string baseDirectory, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var options = ConfigBinding.Bind(section, KubernetesOptions.Keys, errors, s => s.Get<KubernetesOptions>());
        Uri? apiServer = null;
        if (options.ApiServer is { } text
            && (!Uri.TryCreate(text, UriKind.Absolute, out apiServer) || apiServer.Scheme is not ("http" or "https")
                || apiServer.Query.Length > 0 || apiServer.Fragment.Length > 0 || apiServer.UserInfo.Length > 0))
        {
            errors.Add("kubernetes.api_server", $"'{text}' is not an API server URL, e.g. https://10.96.0.1:443 (omit it in a pod: KUBERNETES_SERVICE_HOST is used)");
            apiServer = null;
        }

        var defaults = KubernetesSettings.InCluster;
        return new KubernetesSettings(
            apiServer,
            PathOf(options.TokenFile, defaults.TokenFile, "token_file", baseDirectory, errors),
            PathOf(options.CaFile, defaults.CaFile, "ca_file", baseDirectory, errors),
            PathOf(options.NamespaceFile, defaults.NamespaceFile, "namespace_file", baseDirectory, errors));
    }

    private static string PathOf(string? text, string fallback, string key, string baseDirectory, ConfigErrors errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (text.Trim().Length == 0 || text.Any(char.IsControl))
        {
            errors.Add($"kubernetes.{key}", "is not a file path; omit it for the service-account default");
            return fallback;
        }

        return Path.GetFullPath(text, baseDirectory);
    }
}
