using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Kubernetes.Client;
using R3mes.Sidecar.Kubernetes.Configuration;
using R3mes.Sidecar.Kubernetes.Sources;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Kubernetes;

/// <summary>
/// The API client and the pod's namespace, made on first use from the plan's <c>kubernetes:</c> settings (or the
/// in-cluster defaults): the address, the token file and the CA are only looked at when a source first needs
/// them, so <c>check</c> passes outside a cluster.
/// </summary>
public sealed class KubernetesRuntime
{
    private readonly Lazy<KubernetesSettings> _settings;
    private readonly Lazy<KubernetesClient> _client;
    private readonly Lazy<string> _podNamespace;
    private readonly Func<string, string?> _environment;

    /// <summary>The runtime of the plan's <c>kubernetes:</c> section (or the in-cluster defaults), read at first use (<see cref="PlanSections"/> says why).</summary>
    public KubernetesRuntime(PlanSections plan, TimeProvider time, Random random, ILoggerFactory loggers)
        : this(
            () => plan.Get<KubernetesSettings>(KubernetesSection.Name) ?? KubernetesSettings.InCluster,
            time,
            random,
            loggers,
            Environment.GetEnvironmentVariable)
    {
        ArgumentNullException.ThrowIfNull(plan);
    }

    internal KubernetesRuntime(Func<KubernetesSettings> settings, TimeProvider time, Random random, ILoggerFactory loggers, Func<string, string?> environment, HttpMessageHandler? handler = null)
    {
        Time = time;
        Random = random;
        Loggers = loggers;
        _environment = environment;
        _settings = new(settings);
        _client = new(() => CreateClient(handler), LazyThreadSafetyMode.PublicationOnly);
        _podNamespace = new(ReadPodNamespace, LazyThreadSafetyMode.PublicationOnly);
    }

    internal TimeProvider Time { get; }

    internal Random Random { get; }

    internal ILoggerFactory Loggers { get; }

    internal KubernetesClient Client => _client.Value;

    /// <summary>The Secret's namespace, or the pod's own (the service-account namespace file) when it names none.</summary>
    internal string NamespaceOf(SecretReference secret) => secret.Namespace ?? _podNamespace.Value;

    /// <summary>The configured URL, else <c>https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT/</c>.</summary>
    internal Uri ApiServer()
    {
        if (_settings.Value.ApiServer is { } configured)
        {
            return configured.AbsoluteUri.EndsWith('/') ? configured : new Uri(configured.AbsoluteUri + "/");
        }

        var host = _environment("KUBERNETES_SERVICE_HOST");
        var port = _environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port) || !ushort.TryParse(port, out _))
        {
            throw new SecretSourceException("not in a Kubernetes pod (KUBERNETES_SERVICE_HOST/KUBERNETES_SERVICE_PORT are not set): set kubernetes.api_server", transient: false);
        }

        var literal = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return Uri.TryCreate($"https://{literal}:{port}/", UriKind.Absolute, out var uri)
            ? uri
            : throw new SecretSourceException($"KUBERNETES_SERVICE_HOST '{host}' is not a host name or address", transient: false);
    }

    private KubernetesClient CreateClient(HttpMessageHandler? handler)
    {
        var settings = _settings.Value;
        var server = ApiServer();
        var http = new HttpClient(handler ?? KubernetesHttp.CreateHandler(server, settings.CaFile), disposeHandler: handler is null) { Timeout = Timeout.InfiniteTimeSpan };
        return new KubernetesClient(http, server, new ServiceAccountToken(settings.TokenFile, Time), Time, Loggers.CreateLogger<KubernetesClient>());
    }

    private string ReadPodNamespace()
    {
        var path = _settings.Value.NamespaceFile;
        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SecretSourceException($"cannot read the pod's namespace from {path} ({e.GetType().Name}): name the namespace in the source (kubernetes: NAMESPACE/NAME) or set kubernetes.namespace_file", transient: false);
        }

        return SecretReference.IsDnsLabel(text)
            ? text
            : throw new SecretSourceException($"{path} does not hold a namespace name", transient: false);
    }
}
