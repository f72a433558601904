namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>The <c>auth:</c> and <c>services:</c> sections: every path a service reads must be one this file sets up.</summary>
internal sealed partial class BootstrapReader
{
    private AuthSpec ReadAuth(SpecNode? node)
    {
        if (node is null)
        {
            return new AuthSpec(null, null);
        }

        string? appRole = null;
        if (node.Map("approle") is { } approleNode)
        {
            appRole = Mount(approleNode, "approle");
            approleNode.Done();
        }

        KubernetesAuthSpec? kubernetes = null;
        if (node.Map("kubernetes") is { } k8s)
        {
            var mount = Mount(k8s, "kubernetes");
            var host = k8s.Str("host", required: true);
            if (host is not null && !(Uri.TryCreate(host, UriKind.Absolute, out var uri) && uri.Scheme == "https"))
            {
                k8s.Error("host", $"'{host}' is not an https URL such as https://kubernetes.default.svc:443");
            }

            var caFile = ExistingFile(k8s, "ca_cert_file");
            k8s.Done();
            kubernetes = new KubernetesAuthSpec(mount ?? "kubernetes", host ?? "", caFile is null ? null : File.ReadAllText(caFile).Trim());
        }

        node.Done();
        return new AuthSpec(appRole, kubernetes);
    }

    private List<ServiceSpec> ReadServices(SpecNode root, KvSpec? kv, DatabaseSpec? database, PkiSpec? pki, AuthSpec auth, CredentialsSpec? credentials)
    {
        var services = new List<ServiceSpec>();
        foreach (var (name, node) in Named(root, "services"))
        {
            var kvPaths = Paths(node, "kv", path => kv is null
                ? "there is no kv: section, so no KV mount to read from"
                : path.StartsWith(kv.Mount + "/", StringComparison.Ordinal) && path.Length > kv.Mount.Length + 1 ? null
                : $"'{path}' is not on the KV mount '{kv.Mount}/' (write it as {kv.Mount}/<path>, the way the sidecar's source says it)");
            var databasePaths = Paths(node, "database", path => database is null
                ? "there is no database: section"
                : EngineRole(path, database.Mount, "creds", database.Roles.Select(r => r.Name)));
            var pkiPaths = Paths(node, "pki", path => pki is null
                ? "there is no pki: section"
                : EngineRole(path, pki.Mount, "issue", pki.Roles.Select(r => r.Name)));

            AppRoleSpec? appRole = null;
            if (node.Map("approle") is { } approleNode)
            {
                if (auth.AppRoleMount is null)
                {
                    approleNode.Error("", "enable the method first: auth: { approle: {} }");
                }
                else if (credentials is null)
                {
                    approleNode.Error("", "add credentials: { dir: … }: the role id and the wrapped secret id are written there");
                }

                appRole = new AppRoleSpec(approleNode.Duration("token_ttl", TimeSpan.FromHours(1)), approleNode.Duration("token_max_ttl", TimeSpan.FromHours(24)),
                    approleNode.Duration("secret_id_ttl", TimeSpan.Zero), approleNode.Int("secret_id_num_uses", 0));
                if (appRole.TokenTtl > appRole.TokenMaxTtl && appRole.TokenMaxTtl > TimeSpan.Zero)
                {
                    approleNode.Error("token_ttl", "must not be longer than token_max_ttl");
                }

                approleNode.Done();
            }

            KubernetesRoleSpec? kubernetes = null;
            if (node.Map("kubernetes") is { } k8s)
            {
                if (auth.Kubernetes is null)
                {
                    k8s.Error("", "enable the method first: auth: { kubernetes: { host: … } }");
                }

                var accounts = k8s.List("service_accounts");
                var namespaces = k8s.List("namespaces");
                if (accounts.Count == 0)
                {
                    k8s.Error("service_accounts", "required: the service accounts allowed to log in as this service");
                }

                if (namespaces.Count == 0)
                {
                    k8s.Error("namespaces", "required: the namespaces those service accounts live in");
                }

                kubernetes = new KubernetesRoleSpec(accounts, namespaces, k8s.Duration("token_ttl", TimeSpan.FromHours(1)), k8s.Duration("token_max_ttl", TimeSpan.FromHours(24)));
                k8s.Done();
            }

            if (appRole is null && kubernetes is null)
            {
                node.Error("approle", "give the service a way to log in: approle: {} and/or kubernetes: { service_accounts, namespaces }");
            }

            if (kvPaths.Count + databasePaths.Count + pkiPaths.Count == 0)
            {
                node.Error("kv", "the service reads nothing: list its kv, database and pki paths");
            }

            node.Done();
            services.Add(new ServiceSpec(name, kvPaths, databasePaths, pkiPaths, appRole, kubernetes));
        }

        return services;
    }

    /// <summary>The paths under <paramref name="key"/>, each checked by <paramref name="problem"/> (null = fine).</summary>
    private List<string> Paths(SpecNode node, string key, Func<string, string?> problem)
    {
        var paths = new List<string>();
        var list = node.List(key);
        for (var i = 0; i < list.Count; i++)
        {
            var path = list[i].Trim('/');
            var at = $"{node.At(key)}[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]";
            if ((Client.VaultPath.PathProblem(path) ?? problem(path)) is { } message)
            {
                _errors.Add(at, message);
            }
            else if (paths.Contains(path))
            {
                _errors.Add(at, "listed twice");
            }
            else
            {
                paths.Add(path);
            }
        }

        return paths;
    }

    /// <summary><c>&lt;mount&gt;/&lt;verb&gt;/&lt;role&gt;</c> with a role this file defines, or why not.</summary>
    private static string? EngineRole(string path, string mount, string verb, IEnumerable<string> roles)
    {
        var prefix = $"{mount}/{verb}/";
        var known = roles.ToList();
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return $"'{path}' is not {prefix}<role>";
        }

        var role = path[prefix.Length..];
        return known.Contains(role) ? null : $"'{role}' is not a role this file defines (known: {string.Join(", ", known)})";
    }
}
