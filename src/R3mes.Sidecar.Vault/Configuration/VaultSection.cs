using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Vault.Auth;

namespace R3mes.Sidecar.Vault.Configuration;

/// <summary>Owns <c>vault:</c>: validates it with key paths and fixes, and returns <see cref="VaultSettings"/>.</summary>
internal sealed class VaultSection : IConfigSectionOwner
{
    public const string Name = "vault";

    private readonly OrderedDictionary<string, IAuthMethodFactory> _methods = new(StringComparer.Ordinal);
    private readonly string[] _authKeys;

    /// <summary>The auth methods are the registered <see cref="IAuthMethodFactory"/>s, in registration order; a name registered twice fails at start.</summary>
    public VaultSection(IEnumerable<IAuthMethodFactory> methods)
    {
        ArgumentNullException.ThrowIfNull(methods);
        foreach (var factory in methods)
        {
            if (!_methods.TryAdd(factory.Method, factory))
            {
                throw new InvalidOperationException($"two plugins are registered for auth method '{factory.Method}'");
            }
        }

        // Every key some method reads is accepted whatever the method (as before auth methods were plugins); each
        // method then binds only its own keys.
        _authKeys = [.. VaultAuthOptions.Keys.Concat(_methods.Values.SelectMany(f => f.OptionKeys)).Distinct(StringComparer.Ordinal)];
    }

    public string Section => Name;

    public object? Read(IConfigurationSection section, string baseDirectory, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var options = ConfigBinding.Bind(section, VaultOptions.Keys, errors, s => s.Get<VaultOptions>());
        Uri? address = null;
        if (options.Address is null)
        {
            errors.Add("vault.address", "set the Vault address, e.g. address: https://vault:8200");
        }
        else if (!Uri.TryCreate(options.Address, UriKind.Absolute, out address) || address.Scheme is not ("http" or "https") ||
                 !string.IsNullOrEmpty(address.Query) || address.AbsolutePath != "/")
        {
            errors.Add("vault.address", $"'{options.Address}' is not a Vault address: use scheme, host and port only, e.g. https://vault:8200");
            address = null;
        }

        var tls = ReadTls(section.GetSection("tls"), baseDirectory, errors);
        var auth = ReadAuth(section.GetSection("auth"), baseDirectory, errors);
        var maxConcurrent = options.MaxConcurrent ?? 8;
        if (maxConcurrent is < 1 or > 1024)
        {
            errors.Add("vault.max_concurrent", $"{maxConcurrent} is out of range: use 1 to 1024 (default 8)");
        }

        var timeout = OptionValues.Duration(options.Timeout, "vault.timeout", TimeSpan.FromSeconds(30), errors);
        var proxy = ReadProxy(section.GetSection("proxy"), errors);
        var tokenFile = options.TokenFile is null ? null : Path.GetFullPath(options.TokenFile, baseDirectory);
        return address is null || auth is null ? null
            : new VaultSettings(address, options.Namespace, tls, auth, maxConcurrent, timeout, tokenFile, proxy, options.RevokeOnShutdown ?? false);
    }

    private static VaultTlsSettings ReadTls(IConfigurationSection section, string baseDirectory, ConfigErrors errors)
    {
        var options = ConfigBinding.Bind(section, VaultTlsOptions.Keys, errors, s => s.Get<VaultTlsOptions>());
        if ((options.ClientCert is null) != (options.ClientKey is null))
        {
            errors.Add("vault.tls", "set both client_cert and client_key, or neither");
        }

        if (options.CaPem is not null && options.CaFile is not null)
        {
            errors.Add("vault.tls", "set ca_file or ca_pem, not both");
        }
        else if (options.CaPem is { } pem && !HoldsCertificate(pem))
        {
            errors.Add("vault.tls.ca_pem", "holds no PEM certificate (-----BEGIN CERTIFICATE----- …)");
        }

        return new VaultTlsSettings(
            ExistingFile(options.CaFile, "vault.tls.ca_file", baseDirectory, errors),
            options.ServerName,
            ExistingFile(options.ClientCert, "vault.tls.client_cert", baseDirectory, errors),
            ExistingFile(options.ClientKey, "vault.tls.client_key", baseDirectory, errors),
            options.SkipVerify)
        { CaPem = options.CaPem };
    }

    private static bool HoldsCertificate(string pem)
    {
        try
        {
            var certificates = new System.Security.Cryptography.X509Certificates.X509Certificate2Collection();
            certificates.ImportFromPem(pem);
            return certificates.Count > 0;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private VaultAuthSettings? ReadAuth(IConfigurationSection section, string baseDirectory, ConfigErrors errors)
    {
        var options = ConfigBinding.Bind(section, _authKeys, errors, s => s.Get<VaultAuthOptions>());
        var method = options.Method?.ToLowerInvariant();
        if (method is null || !_methods.TryGetValue(method, out var factory))
        {
            var known = _methods.Keys.ToArray();
            errors.Add("vault.auth.method", method is null
                ? $"choose an auth method (known: {string.Join(", ", known)})"
                : ConfigKeys.Unknown("auth method", method, known));
            return null;
        }

        var mount = (options.Mount ?? method).Trim('/');
        var validMount = mount.Length > 0 && !mount.Split('/').Any(s => s is "" or "." or "..");
        if (!validMount)
        {
            errors.Add("vault.auth.mount", $"'{options.Mount}' is not a mount path, e.g. mount: {method}");
        }

        var login = factory.Create(new AuthMethodContext(section, method, mount, baseDirectory, errors));
        return login is null || !validMount ? null : new VaultAuthSettings(method, mount, login);
    }

    private static VaultProxySettings? ReadProxy(IConfigurationSection section, ConfigErrors errors)
    {
        if (!section.Exists())
        {
            return null;
        }

        var options = ConfigBinding.Bind(section, VaultProxyOptions.Keys, errors, s => s.Get<VaultProxyOptions>());
        var listen = ListenAddress.Read(options.Listen, "vault.proxy.listen", "listen: 127.0.0.1:8100", errors);

        var force = options.UseAutoAuthToken?.ToLowerInvariant() switch
        {
            null or "true" => false,
            "force" => true,
            var other => Invalid(other),
        };
        return listen is null ? null : new VaultProxySettings(listen, force);

        bool Invalid(string value)
        {
            errors.Add("vault.proxy.use_auto_auth_token", $"'{value}' is not allowed (known: true, force)");
            return false;
        }
    }

    private static string? ExistingFile(string? path, string key, string baseDirectory, ConfigErrors errors)
    {
        if (path is null)
        {
            return null;
        }

        var full = Path.GetFullPath(path, baseDirectory);
        if (!System.IO.File.Exists(full))
        {
            errors.Add(key, $"'{path}' does not exist (resolved to {full})");
        }

        return full;
    }
}
