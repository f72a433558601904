using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Injector.Pods;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Injector.Settings;

/// <summary>
/// Reads the injector's YAML (or JSON) file into <see cref="InjectorSettings"/>, reporting every problem with its key
/// path. The image, pull policy, Vault address and CA come from here only — never from a pod's annotations.
/// </summary>
public static class InjectorSettingsReader
{
    private static readonly string[] SystemNamespaces = ["kube-system", "kube-public"];
    private static readonly string[] PullPolicies = ["Always", "IfNotPresent", "Never"];

    public static InjectorSettings Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ConfigurationException($"injector configuration '{path}' does not exist; pass --config FILE or set R3MES_INJECTOR_CONFIG");
        }

        var builder = new ConfigurationBuilder();
        var provider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(full)!);
        if (full.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            builder.AddJsonFile(provider, Path.GetFileName(full), optional: false, reloadOnChange: false);
        }
        else
        {
            builder.Add(new YamlConfigurationSource { FileProvider = provider, Path = Path.GetFileName(full), Optional = false });
        }

        IConfigurationRoot configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (InvalidDataException e)
        {
            throw new ConfigurationException($"injector configuration '{path}' is not valid: {(e.InnerException ?? e).Message}");
        }

        using (provider)
        {
            return Read(configuration, Path.GetDirectoryName(full)!);
        }
    }

    public static InjectorSettings Read(IConfiguration configuration, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new ConfigErrors();
        foreach (var child in configuration.GetChildren().Where(c => !InjectorOptions.Keys.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add(ConfigPath.Of(child), ConfigKeys.Unknown("key", child.Key, InjectorOptions.Keys));
        }

        var options = new InjectorOptions
        {
            Listen = configuration["listen"],
            Namespace = configuration["namespace"],
            SkipNamespaces = configuration.GetSection("skip_namespaces").GetChildren().Select(c => c.Value ?? "").ToList(),
        };

        var listenText = options.Listen ?? "0.0.0.0:8443";
        if (!ListenAddress.TryParse(listenText, out var listen))
        {
            errors.Add("listen", $"'{listenText}' is not host:port, e.g. listen: 0.0.0.0:8443");
            listen = new IPEndPoint(IPAddress.Any, 8443);
        }

        var tls = ConfigBinding.Bind(configuration.GetSection("tls"), TlsOptions.Keys, errors, s => s.Get<TlsOptions>());
        var certFile = RequiredPath(tls.CertFile, "tls.cert_file", "/etc/r3mes-injector/tls/tls.crt", baseDirectory, errors);
        var keyFile = RequiredPath(tls.KeyFile, "tls.key_file", "/etc/r3mes-injector/tls/tls.key", baseDirectory, errors);

        var skip = new HashSet<string>(SystemNamespaces, StringComparer.Ordinal);
        skip.UnionWith(options.SkipNamespaces.Where(n => n.Length > 0));
        var sidecar = ReadSidecar(configuration.GetSection("sidecar"), errors);
        var vault = ReadVault(configuration.GetSection("vault"), baseDirectory, errors);
        var aws = ConfigBinding.Bind(configuration.GetSection("aws"), AwsOptions.Keys, errors, s => s.Get<AwsOptions>());
        var level = configuration["log:level"] ?? "info";
        errors.ThrowIfAny();
        return new InjectorSettings(listen, certFile!, keyFile!, options.Namespace ?? "r3mes-system", skip, sidecar!, vault, aws.Region, level);
    }

    private static SidecarDefaults? ReadSidecar(IConfigurationSection section, ConfigErrors errors)
    {
        var options = ConfigBinding.Bind(section, SidecarOptions.Keys, errors, s => s.Get<SidecarOptions>());
        if (string.IsNullOrWhiteSpace(options.Image))
        {
            errors.Add("sidecar.image", "set the sidecar image, e.g. image: ghcr.io/r3mes/r3mes-sidecar:0.1.0");
        }

        var pullPolicy = options.PullPolicy ?? "IfNotPresent";
        if (!PullPolicies.Contains(pullPolicy, StringComparer.Ordinal))
        {
            errors.Add("sidecar.pull_policy", ConfigKeys.Unknown("pull policy", pullPolicy, PullPolicies));
        }

        var layout = SidecarLayout.Native;
        if (options.Layout is { } layoutText && !LayoutNames.TryParse(layoutText, out layout))
        {
            errors.Add("sidecar.layout", ConfigKeys.Unknown("layout", layoutText, LayoutNames.All));
        }

        var port = options.Port ?? 8099;
        if (port is < 1 or > 65535)
        {
            errors.Add("sidecar.port", $"{port} is not a port (1-65535)");
        }

        var uid = options.Uid ?? 65532;
        if (uid is < 1 or > int.MaxValue)
        {
            errors.Add("sidecar.uid", $"{uid} is not a non-root user id: use 1 or more");
        }

        string Q(string? value, string key, string fallback)
        {
            var text = value ?? fallback;
            if (!Quantity.IsValid(text))
            {
                errors.Add($"sidecar.{key}", $"'{text}' is not a Kubernetes quantity, e.g. {fallback}");
            }

            return text;
        }

        string? OptionalQ(string? value, string key)
        {
            if (value is not null && !Quantity.IsValid(value))
            {
                errors.Add($"sidecar.{key}", $"'{value}' is not a Kubernetes quantity");
            }

            return value;
        }

        var resources = new ResourceSettings(
            Q(options.CpuRequest, "cpu_request", SidecarResourceDefaults.CpuRequest),
            OptionalQ(options.CpuLimit, "cpu_limit"),
            Q(options.MemoryRequest, "memory_request", SidecarResourceDefaults.MemoryRequest),
            OptionalQ(options.MemoryLimit, "memory_limit") ?? SidecarResourceDefaults.MemoryLimit);
        var fileSources = options.FileSourcesDir ?? "/run/r3mes-sources";
        if (!fileSources.StartsWith('/'))
        {
            errors.Add("sidecar.file_sources_dir", $"'{fileSources}' is not an absolute path");
        }

        return new SidecarDefaults(
            options.Image ?? "", pullPolicy, layout, port, uid, resources,
            Q(options.SecretsSize, "secrets_size", "16Mi"), Q(options.StateSize, "state_size", "1Mi"), fileSources.TrimEnd('/'));
    }

    private static VaultTarget? ReadVault(IConfigurationSection section, string baseDirectory, ConfigErrors errors)
    {
        if (!section.Exists())
        {
            return null;
        }

        var options = ConfigBinding.Bind(section, VaultOptions.Keys, errors, s => s.Get<VaultOptions>());
        if (options.Address is null || !Uri.TryCreate(options.Address, UriKind.Absolute, out var address) ||
            address.Scheme is not ("http" or "https") || address.AbsolutePath != "/" || !string.IsNullOrEmpty(address.Query))
        {
            errors.Add("vault.address", $"'{options.Address}' is not a Vault address: scheme, host and port, e.g. https://vault.vault:8200");
            return null;
        }

        string? caPem = null;
        if (options.CaFile is { } caFile)
        {
            var full = Path.GetFullPath(caFile, baseDirectory);
            try
            {
                caPem = File.ReadAllText(full);
                var roots = new X509Certificate2Collection();
                roots.ImportFromPem(caPem);
                if (roots.Count == 0)
                {
                    errors.Add("vault.ca_file", $"'{caFile}' holds no PEM certificate");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                errors.Add("vault.ca_file", $"cannot read '{caFile}' as PEM certificates: {e.Message}");
            }
        }

        var mount = options.AuthMount ?? "kubernetes";
        if (mount.Length == 0 || mount.Contains("..", StringComparison.Ordinal) || mount.StartsWith('/') || mount.EndsWith('/'))
        {
            errors.Add("vault.auth_mount", $"'{mount}' is not a Vault auth mount path, e.g. kubernetes");
        }

        return new VaultTarget(address, caPem, mount);
    }

    private static string? RequiredPath(string? value, string key, string example, string baseDirectory, ConfigErrors errors)
    {
        if (value is null)
        {
            errors.Add(key, $"set {key}, e.g. {example}");
            return null;
        }

        return Path.GetFullPath(value, baseDirectory);
    }
}
