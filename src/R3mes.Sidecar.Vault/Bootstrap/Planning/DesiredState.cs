using System.Globalization;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// What Vault must hold according to a <see cref="BootstrapSpec"/>, in the order it is set up: mounts and auth
/// methods, KV secrets, engine configuration, policies, roles, then the services' credentials. Names: each service's
/// policy, AppRole role and Kubernetes role are named like the service.
/// </summary>
internal sealed class DesiredState
{
    private DesiredState(BootstrapSpec spec) => Spec = spec;

    public BootstrapSpec Spec { get; }

    public List<DesiredMount> Mounts { get; } = [];

    public List<DesiredObject> EngineObjects { get; } = [];

    public List<DesiredPolicy> Policies { get; } = [];

    public List<DesiredObject> AuthObjects { get; } = [];

    public List<DesiredCredentials> Credentials { get; } = [];

    public static DesiredState From(BootstrapSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var state = new DesiredState(spec);
        state.AddEngines();
        state.AddAuth();
        return state;
    }

    /// <summary>The KV path whose read tells whether (and with what) a secret exists: metadata for if_absent, data for always.</summary>
    public static string KvReadPath(KvSpec kv, KvSecretSpec secret) => kv.Version == 1 ? $"{kv.Mount}/{secret.Path}"
        : secret.Update == KvUpdate.IfAbsent ? $"{kv.Mount}/metadata/{secret.Path}" : $"{kv.Mount}/data/{secret.Path}";

    public static string KvWritePath(KvSpec kv, KvSecretSpec secret) => kv.Version == 1 ? $"{kv.Mount}/{secret.Path}" : $"{kv.Mount}/data/{secret.Path}";

    private void AddEngines()
    {
        if (Spec.Kv is { } kv)
        {
            Mounts.Add(new DesiredMount(kv.Mount, "kv", kv.Version, new JsonObject
            {
                ["type"] = "kv",
                ["description"] = "R3MES secrets",
                ["options"] = new JsonObject { ["version"] = kv.Version.ToString(CultureInfo.InvariantCulture) },
            }, IsAuth: false));
        }

        if (Spec.Database is { } database)
        {
            Mounts.Add(new DesiredMount(database.Mount, "database", null, new JsonObject { ["type"] = "database", ["description"] = "R3MES dynamic database credentials" }, false));
            foreach (var connection in database.Connections)
            {
                EngineObjects.Add(new DesiredObject("database connection", $"{database.Mount}/config/{connection.Name}", new JsonObject
                {
                    ["plugin_name"] = connection.Plugin,
                    ["connection_url"] = connection.ConnectionUrl,
                    ["username"] = connection.Username,
                    ["allowed_roles"] = Array(connection.AllowedRoles),
                    ["verify_connection"] = true,
                },
                [
                    Text("plugin_name", connection.Plugin),
                    new FieldCheck("connection_url", "connection_details.connection_url", connection.ConnectionUrl, FieldCompare.Text),
                    new FieldCheck("username", "connection_details.username", connection.Username, FieldCompare.Text),
                    Set("allowed_roles", connection.AllowedRoles),
                ])
                {
                    Secrets = [KeyValuePair.Create("password", connection.Password)],
                });
            }

            foreach (var role in database.Roles)
            {
                EngineObjects.Add(Object("database role", $"{database.Mount}/roles/{role.Name}",
                [
                    Text("db_name", role.Connection),
                    Sequence("creation_statements", role.CreationStatements),
                    Sequence("revocation_statements", role.RevocationStatements),
                    Seconds("default_ttl", role.DefaultTtl),
                    Seconds("max_ttl", role.MaxTtl),
                ]));
            }
        }

        if (Spec.Pki is { } pki)
        {
            Mounts.Add(new DesiredMount(pki.Mount, "pki", null, new JsonObject
            {
                ["type"] = "pki",
                ["description"] = "R3MES certificates",
                ["config"] = new JsonObject { ["max_lease_ttl"] = Secs(pki.MaxLeaseTtl) },
            }, false));
            foreach (var role in pki.Roles)
            {
                EngineObjects.Add(Object("PKI role", $"{pki.Mount}/roles/{role.Name}",
                [
                    Set("allowed_domains", role.AllowedDomains),
                    Flag("allow_subdomains", role.AllowSubdomains),
                    Flag("allow_bare_domains", role.AllowBareDomains),
                    Flag("allow_localhost", role.AllowLocalhost),
                    Seconds("ttl", role.Ttl),
                    Seconds("max_ttl", role.MaxTtl),
                    Text("key_type", role.KeyType),
                    Number("key_bits", role.KeyBits),
                ]));
            }
        }
    }

    private void AddAuth()
    {
        if (Spec.Auth.AppRoleMount is { } approle)
        {
            Mounts.Add(new DesiredMount(approle, "approle", null, new JsonObject { ["type"] = "approle", ["description"] = "R3MES sidecars" }, IsAuth: true));
        }

        if (Spec.Auth.Kubernetes is { } k8s)
        {
            Mounts.Add(new DesiredMount(k8s.Mount, "kubernetes", null, new JsonObject { ["type"] = "kubernetes", ["description"] = "R3MES sidecars" }, IsAuth: true));
            var checks = new List<FieldCheck> { Text("kubernetes_host", k8s.Host) };
            if (k8s.CaCertificate is { } ca)
            {
                checks.Add(Text("kubernetes_ca_cert", ca));
            }

            AuthObjects.Add(Object("Kubernetes auth config", $"auth/{k8s.Mount}/config", checks));
        }

        foreach (var service in Spec.Services)
        {
            Policies.Add(new DesiredPolicy(service.Name, PolicyDocument.For(service, Spec.Kv)));
            if (service.AppRole is { } role && Spec.Auth.AppRoleMount is { } mount)
            {
                var rolePath = $"auth/{mount}/role/{service.Name}";
                AuthObjects.Add(Object("AppRole role", rolePath,
                [
                    Set("token_policies", [service.Name]),
                    Seconds("token_ttl", role.TokenTtl),
                    Seconds("token_max_ttl", role.TokenMaxTtl),
                    Seconds("secret_id_ttl", role.SecretIdTtl),
                    Number("secret_id_num_uses", role.SecretIdNumUses),
                    Flag("bind_secret_id", true),
                ]));
                if (Spec.Credentials is { } credentials)
                {
                    var dir = Path.Combine(credentials.Directory, service.Name);
                    Credentials.Add(new DesiredCredentials(service.Name, rolePath, Path.Combine(dir, "role-id"), Path.Combine(dir, "secret-id"), credentials.WrapTtl));
                }
            }

            if (service.Kubernetes is { } k8sRole && Spec.Auth.Kubernetes is { } auth)
            {
                AuthObjects.Add(Object("Kubernetes role", $"auth/{auth.Mount}/role/{service.Name}",
                [
                    Set("bound_service_account_names", k8sRole.ServiceAccounts),
                    Set("bound_service_account_namespaces", k8sRole.Namespaces),
                    Set("token_policies", [service.Name]),
                    Seconds("token_ttl", k8sRole.TokenTtl),
                    Seconds("token_max_ttl", k8sRole.TokenMaxTtl),
                ]));
            }
        }
    }

    /// <summary>An object whose body is exactly its checked fields.</summary>
    private static DesiredObject Object(string what, string path, IReadOnlyList<FieldCheck> checks) =>
        new(what, path, new JsonObject(checks.Select(c => KeyValuePair.Create(c.ReadKey, (JsonNode?)c.Expected.DeepClone()))), checks);

    private static FieldCheck Text(string name, string value) => new(name, name, value, FieldCompare.Text);

    private static FieldCheck Flag(string name, bool value) => new(name, name, value, FieldCompare.Flag);

    private static FieldCheck Number(string name, long value) => new(name, name, value, FieldCompare.Number);

    private static FieldCheck Seconds(string name, TimeSpan value) => new(name, name, Secs(value), FieldCompare.Number);

    private static FieldCheck Set(string name, IReadOnlyList<string> values) => new(name, name, Array(values), FieldCompare.Set);

    private static FieldCheck Sequence(string name, IReadOnlyList<string> values) => new(name, name, Array(values), FieldCompare.Sequence);

    private static long Secs(TimeSpan value) => (long)value.TotalSeconds;

    private static JsonArray Array(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)v)];

    /// <summary>The KV secret's fields as they are written (values revealed only here, into the request body).</summary>
    public static JsonObject KvData(KvSecretSpec secret) =>
        new(secret.Fields.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)f.Value.RevealUtf8())));

    /// <summary>Whether Vault's current fields equal the files' (compared in memory, in constant time per value).</summary>
    public static bool KvEquals(KvSecretSpec secret, System.Text.Json.JsonElement data) =>
        data.ValueKind == System.Text.Json.JsonValueKind.Object &&
        data.EnumerateObject().Count() == secret.Fields.Count &&
        secret.Fields.All(f => data.TryGetProperty(f.Name, out var v) && v.ValueKind == System.Text.Json.JsonValueKind.String &&
                               SecretValue.FromUtf8(v.GetString()!).Equals(f.Value));
}
