using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using YamlDotNet.RepresentationModel;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>The <c>kv:</c>, <c>database:</c> and <c>pki:</c> sections.</summary>
internal sealed partial class BootstrapReader
{
    private static readonly string[] KeyTypes = ["ec", "rsa"];

    /// <summary>The entries of the mapping under <paramref name="key"/>, each a mapping itself (<c>roles: { backend: {…} }</c>).</summary>
    private IEnumerable<(string Name, SpecNode Node)> Named(SpecNode parent, string key, Func<string, bool>? nameOk = null)
    {
        if (parent.Map(key) is not { } map)
        {
            yield break;
        }

        foreach (var (name, value) in map.Entries().ToList())
        {
            if (!(nameOk ?? IsName)(name))
            {
                _errors.Add(map.At(name), "names are letters, digits, '_', '-' and '.'");
                continue;
            }

            switch (value)
            {
                case YamlMappingNode mapping:
                    yield return (name, new SpecNode(mapping, map.At(name), _errors));
                    break;
                case YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" }:
                    yield return (name, new SpecNode(new YamlMappingNode(), map.At(name), _errors));
                    break;
                default:
                    _errors.Add(map.At(name), "must be a mapping");
                    break;
            }
        }
    }

    private KvSpec ReadKv(SpecNode node)
    {
        var mount = Mount(node, "secret") ?? "secret";
        var version = node.Int("version", 2, min: 1);
        if (version > 2)
        {
            node.Error("version", "KV is version 1 or 2");
        }

        var secrets = new List<KvSecretSpec>();
        foreach (var (path, secret) in Named(node, "secrets", p => Client.VaultPath.PathProblem(p) is null))
        {
            var dir = secret.Str("dir") is { } d ? Resolve(d) : _baseDirectory;
            var fields = new List<KvField>();
            switch (secret.Raw("fields"))
            {
                case YamlSequenceNode list:
                    foreach (var item in list.Children)
                    {
                        if (item is YamlScalarNode { Value: { Length: > 0 } name })
                        {
                            AddField(secret, fields, name, Path.Combine(dir, name + ".txt"));
                        }
                        else
                        {
                            secret.Error("fields", "list field names (each read from <dir>/<name>.txt) or map names to files");
                        }
                    }

                    break;
                case YamlMappingNode map:
                    foreach (var (keyNode, fileNode) in map.Children)
                    {
                        var name = ((YamlScalarNode)keyNode).Value ?? "";
                        if (fileNode is YamlScalarNode { Value: { Length: > 0 } file })
                        {
                            AddField(secret, fields, name, Path.GetFullPath(Path.Combine(dir, file)));
                        }
                        else
                        {
                            secret.Error("fields", $"field '{name}': give the file it is read from");
                        }
                    }

                    break;
                default:
                    secret.Error("fields", "required: the fields of this secret, e.g. [jwt_secret, api_secret_key] (read from <dir>/<name>.txt)");
                    break;
            }

            var update = secret.Str("update") switch
            {
                null or "if_absent" => KvUpdate.IfAbsent,
                "always" => KvUpdate.Always,
                var other => Invalid(secret, "update", $"'{other}' is not if_absent or always", KvUpdate.IfAbsent),
            };
            secret.Done();
            secrets.Add(new KvSecretSpec(path.Trim('/'), fields, update));
        }

        node.Done();
        return new KvSpec(mount, version, secrets);
    }

    private void AddField(SpecNode secret, List<KvField> fields, string name, string file)
    {
        var at = $"{secret.At("fields")}.{name}";
        if (!IsName(name))
        {
            _errors.Add(at, "field names are letters, digits, '_', '-' and '.'");
            return;
        }

        if (fields.Any(f => f.Name == name))
        {
            _errors.Add(at, "listed twice");
            return;
        }

        if (!File.Exists(file))
        {
            _errors.Add(at, $"file {file} does not exist (create it, e.g. with 'r3mes-sidecar secrets create', or name another file)");
            return;
        }

        if (SecretFile(at, file) is { } value)
        {
            fields.Add(new KvField(name, file, value));
        }
    }

    private static T Invalid<T>(SpecNode node, string key, string message, T fallback)
    {
        node.Error(key, message);
        return fallback;
    }

    private DatabaseSpec ReadDatabase(SpecNode node)
    {
        var mount = Mount(node, "database") ?? "database";
        var roles = new List<DatabaseRoleSpec>();
        foreach (var (name, role) in Named(node, "roles"))
        {
            var creation = role.List("creation_statements");
            if (creation.Count == 0)
            {
                role.Error("creation_statements", "required, e.g. CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}' VALID UNTIL '{{expiration}}';");
            }
            else if (!creation.Any(s => s.Contains("{{expiration}}", StringComparison.Ordinal)))
            {
                role.Error("creation_statements", "give the user an expiry: VALID UNTIL '{{expiration}}' (else PostgreSQL keeps a revoked lease's login working)");
            }

            var defaultTtl = role.Duration("default_ttl", TimeSpan.FromHours(1));
            var maxTtl = role.Duration("max_ttl", TimeSpan.FromHours(24));
            if (defaultTtl > maxTtl)
            {
                role.Error("default_ttl", "must not be longer than max_ttl");
            }

            roles.Add(new DatabaseRoleSpec(name, role.Str("connection", required: true) ?? "", creation, role.List("revocation_statements"), defaultTtl, maxTtl));
            role.Done();
        }

        var connections = new List<DatabaseConnectionSpec>();
        var names = new List<string>();
        foreach (var (name, connection) in Named(node, "connections"))
        {
            names.Add(name);
            var plugin = connection.Str("plugin") ?? "postgresql-database-plugin";
            var url = connection.Str("connection_url", required: true) ?? "";
            if (url.Length > 0 && !url.Contains("{{password}}", StringComparison.Ordinal))
            {
                connection.Error("connection_url", "use the {{username}} and {{password}} placeholders; the password comes from password_file, never from this file");
            }

            var username = connection.Str("username", required: true) ?? "";
            var passwordFile = ExistingFile(connection, "password_file", required: true);
            var password = passwordFile is null ? null : SecretFile(connection.At("password_file"), passwordFile);
            var allowed = connection.Has("allowed_roles") ? connection.List("allowed_roles") : [.. roles.Where(r => r.Connection == name).Select(r => r.Name)];
            connection.Done();
            if (password is not null)
            {
                connections.Add(new DatabaseConnectionSpec(name, plugin, url, username, passwordFile!, password, allowed));
            }
        }

        for (var i = 0; i < roles.Count; i++)
        {
            if (roles[i].Connection.Length > 0 && !names.Contains(roles[i].Connection))
            {
                _errors.Add($"{node.At("roles")}.{roles[i].Name}.connection", $"'{roles[i].Connection}' is not one of database.connections (known: {string.Join(", ", names)})");
            }
        }

        node.Done();
        return new DatabaseSpec(mount, connections, roles);
    }

    private PkiSpec ReadPki(SpecNode node)
    {
        var mount = Mount(node, "pki") ?? "pki";
        var maxLeaseTtl = node.Duration("max_lease_ttl", TimeSpan.FromDays(3650));
        var rootNode = node.Map("root");
        var intermediateNode = node.Map("intermediate");
        PkiCaSpec ca = new(null, TimeSpan.Zero, "ec", null, null, null);
        if ((rootNode is null) == (intermediateNode is null))
        {
            node.Error("root", "give exactly one of root: { common_name, ttl } (a CA generated inside Vault) or intermediate: { pem_bundle_file } (a CA signed elsewhere)");
        }
        else if (rootNode is not null)
        {
            var ttl = rootNode.Duration("ttl", maxLeaseTtl);
            if (ttl > maxLeaseTtl)
            {
                rootNode.Error("ttl", "must not be longer than pki.max_lease_ttl (Vault would cut it)");
            }

            var keyType = rootNode.Str("key_type") ?? "ec";
            if (!KeyTypes.Contains(keyType))
            {
                rootNode.Error("key_type", "ec or rsa");
            }

            ca = new PkiCaSpec(rootNode.Str("common_name", required: true) ?? "", ttl, keyType, null, null, null);
            rootNode.Done();
        }
        else if (ExistingFile(intermediateNode!, "pem_bundle_file", required: true) is { } bundleFile)
        {
            ca = ReadBundle(intermediateNode!, bundleFile);
            intermediateNode!.Done();
        }

        var roles = new List<PkiRoleSpec>();
        foreach (var (name, role) in Named(node, "roles"))
        {
            var keyType = role.Str("key_type") ?? "ec";
            if (!KeyTypes.Contains(keyType))
            {
                role.Error("key_type", "ec or rsa");
            }

            var domains = role.List("allowed_domains");
            if (domains.Count == 0)
            {
                role.Error("allowed_domains", "required: the domains certificates may name, e.g. [r3mes.local]");
            }

            var ttl = role.Duration("ttl", TimeSpan.FromHours(72));
            var maxTtl = role.Duration("max_ttl", ttl);
            if (ttl > maxTtl)
            {
                role.Error("ttl", "must not be longer than max_ttl");
            }

            roles.Add(new PkiRoleSpec(name, domains, role.Bool("allow_subdomains", true), role.Bool("allow_bare_domains", false),
                role.Bool("allow_localhost", false), ttl, maxTtl, keyType, role.Int("key_bits", keyType == "ec" ? 256 : 2048, min: 256)));
            role.Done();
        }

        node.Done();
        return new PkiSpec(mount, maxLeaseTtl, ca, roles);
    }

    /// <summary>An intermediate's PEM bundle: its certificate first, then its key (and the chain). Checked, never printed.</summary>
    private PkiCaSpec ReadBundle(SpecNode node, string file)
    {
        var at = node.At("pem_bundle_file");
        if (SecretFile(at, file) is not { } bundle)
        {
            return new PkiCaSpec(null, TimeSpan.Zero, "ec", null, null, null);
        }

        try
        {
            var text = bundle.RevealUtf8();
            var certificate = X509Certificate2.CreateFromPem(text);
            if (!text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
            {
                _errors.Add(at, $"{file} holds no private key: the bundle is the CA certificate, its key and the chain above it");
            }

            return new PkiCaSpec(null, TimeSpan.Zero, "ec", file, bundle, certificate);
        }
        catch (CryptographicException)
        {
            _errors.Add(at, $"{file} is not a PEM bundle with a certificate first");
            return new PkiCaSpec(null, TimeSpan.Zero, "ec", null, null, null);
        }
    }
}
