using System.Text;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Secrets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// Reads a bootstrap file into a <see cref="BootstrapSpec"/>, reporting every problem with its key path
/// (<c>services.backend.database[0]: …</c>) in one <see cref="ConfigurationException"/>. Relative paths resolve
/// against the file's directory. Secret values come only from the files it names; errors name files, never values.
/// </summary>
internal sealed partial class BootstrapReader
{
    private readonly ConfigErrors _errors = new();
    private readonly string _baseDirectory;

    private BootstrapReader(string baseDirectory) => _baseDirectory = baseDirectory;

    public static BootstrapSpec Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"cannot read the bootstrap file {path}: {e.Message}");
        }

        return Parse(text, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public static BootstrapSpec Parse(string yaml, string baseDirectory)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"the bootstrap file is not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message}");
        }
        catch (ArgumentException)
        {
            // YamlDotNet's parser throws this, without a position, for a tag or anchor name it cannot hold ("!!bin]ry").
            throw new ConfigurationException("the bootstrap file is not valid YAML: a tag (!name) or anchor (&name) is not valid");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new ConfigurationException("the bootstrap file must be a YAML mapping (see examples/vault-bootstrap/bootstrap.yaml)");
        }

        var reader = new BootstrapReader(baseDirectory);
        return reader.ReadRoot(new SpecNode(root, "", reader._errors));
    }

    private BootstrapSpec ReadRoot(SpecNode root)
    {
        var vault = ReadVault(root.Map("vault"));
        var kv = root.Map("kv") is { } kvNode ? ReadKv(kvNode) : null;
        var database = root.Map("database") is { } dbNode ? ReadDatabase(dbNode) : null;
        var pki = root.Map("pki") is { } pkiNode ? ReadPki(pkiNode) : null;
        var auth = ReadAuth(root.Map("auth"));
        var credentials = root.Map("credentials") is { } credentialsNode ? ReadCredentials(credentialsNode) : null;
        var services = ReadServices(root, kv, database, pki, auth, credentials);
        root.Done();
        _errors.ThrowIfAny();
        return new BootstrapSpec(vault, kv, database, pki, auth, services, credentials);
    }

    private VaultTarget ReadVault(SpecNode? node)
    {
        if (node is null)
        {
            return new VaultTarget(null, null, null);
        }

        Uri? address = null;
        if (node.Str("address") is { } text)
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                address = uri;
            }
            else
            {
                node.Error("address", $"'{text}' is not an http(s) URL such as https://vault:8200");
            }
        }

        var target = new VaultTarget(address, node.Str("namespace"), ExistingFile(node, "ca_file"));
        node.Done();
        return target;
    }

    private CredentialsSpec ReadCredentials(SpecNode node)
    {
        var dir = node.Str("dir", required: true);
        var wrapTtl = node.Duration("wrap_ttl", TimeSpan.FromMinutes(15));
        if (wrapTtl < TimeSpan.FromSeconds(1))
        {
            node.Error("wrap_ttl", "must be at least 1s: the wrapped secret_id must live until the sidecar starts");
        }

        node.Done();
        return new CredentialsSpec(dir is null ? "" : Resolve(dir), wrapTtl);
    }

    private string Resolve(string path) => Path.GetFullPath(Path.Combine(_baseDirectory, path));

    /// <summary>The resolved path of an existing regular file named by <paramref name="key"/>, or null (reported).</summary>
    private string? ExistingFile(SpecNode node, string key, bool required = false)
    {
        if (node.Str(key, required) is not { } text)
        {
            return null;
        }

        var path = Resolve(text);
        if (!File.Exists(path))
        {
            node.Error(key, $"file {path} does not exist");
            return null;
        }

        return path;
    }

    /// <summary>A secret read from a file: UTF-8 text, not empty. Errors name the file, never its content.</summary>
    private SecretValue? SecretFile(string errorPath, string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _errors.Add(errorPath, $"cannot read {path}: {e.GetType().Name}");
            return null;
        }

        if (bytes.Length == 0)
        {
            _errors.Add(errorPath, $"{path} is empty");
            return null;
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            _errors.Add(errorPath, $"{path} is not UTF-8 text (Vault stores these values as JSON strings)");
            return null;
        }

        return SecretValue.FromBytes(bytes);
    }

    private static bool IsName(string name) => name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') && name is not ("." or "..");

    /// <summary>A mount path (<c>secret</c>, <c>team/kv</c>): checked segments, no leading or trailing slash.</summary>
    private static string? Mount(SpecNode node, string fallback)
    {
        var mount = node.Str("mount") ?? fallback;
        if (Client.VaultPath.PathProblem(mount) is { } problem)
        {
            node.Error("mount", problem);
            return null;
        }

        return mount.Trim('/');
    }
}
