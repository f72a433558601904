using System.Text.Json;
using R3mes.Sidecar.Vault.Bootstrap;

namespace R3mes.Sidecar.Vault.Tests.Bootstrap;

/// <summary>The planner on hand-made observed states: only what differs becomes a step, named by field, never by value.</summary>
public sealed class BootstrapPlannerTests : IDisposable
{
    private readonly BootstrapFiles _files = new();

    [Fact]
    public void Plan_AnEmptyVault_SetsEverythingUpInDependencyOrder()
    {
        var plan = Plan(new ObservedState());

        Assert.Equal(
        [
            "sys/mounts/secret", "sys/mounts/pki", "sys/auth/approle", "sys/auth/kubernetes",
            "secret/data/r3mes/app", "secret/data/r3mes/grafana",
            "pki/roles/r3mes", "pki/root/generate/internal",
            "sys/policies/acl/backend", "sys/policies/acl/nginx", "sys/policies/acl/grafana",
            "auth/kubernetes/config", "auth/approle/role/backend", "auth/kubernetes/role/backend", "auth/approle/role/nginx", "auth/approle/role/grafana",
            "auth/approle/role/backend/role-id", "auth/approle/role/backend/secret-id",
            "auth/approle/role/nginx/role-id", "auth/approle/role/nginx/secret-id",
            "auth/approle/role/grafana/role-id", "auth/approle/role/grafana/secret-id",
        ], plan.Steps.Select(s => s.Target));
        Assert.Equal("write KV secret secret/r3mes/app: jwt_secret (from " + Path.Combine(_files.Root, "secrets", "jwt_secret.txt") + "), api_secret_key (from "
            + Path.Combine(_files.Root, "secrets", "api_secret_key.txt") + "), redis_password (from " + Path.Combine(_files.Root, "secrets", "redis_password.txt") + ")",
            plan.Steps[4].Summary);
        Assert.All(plan.Steps, s => Assert.DoesNotContain("CANARY", s.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_ARoleWhoseTtlChanged_UpdatesThatRoleOnlyAndNamesTheField()
    {
        var observed = new ObservedState();
        Observe(observed, "auth/approle/role/backend", """
            { "bind_secret_id": true, "secret_id_num_uses": 0, "secret_id_ttl": 0, "token_max_ttl": 3600, "token_policies": ["backend"], "token_ttl": 600 }
            """);
        Observe(observed, "auth/approle/role/nginx", """
            { "bind_secret_id": true, "secret_id_num_uses": 0, "secret_id_ttl": 0, "token_max_ttl": 86400, "token_policies": ["nginx"], "token_ttl": 3600 }
            """);

        var plan = Plan(observed);

        Assert.Equal("update AppRole role auth/approle/role/backend (token_ttl differs)", Assert.Single(plan.Steps, s => s.Target == "auth/approle/role/backend").Summary);
        Assert.DoesNotContain(plan.Steps, s => s.Target == "auth/approle/role/nginx");
        Assert.Contains(plan.Steps, s => s.Target == "auth/approle/role/grafana" && s.Summary.StartsWith("create ", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_ListsInAnotherOrderAndCommaStrings_CountAsEqualSets()
    {
        var observed = new ObservedState();
        Observe(observed, "auth/kubernetes/role/backend", """
            { "bound_service_account_names": "backend", "bound_service_account_namespaces": ["r3mes"], "token_policies": ["backend"], "token_ttl": 3600, "token_max_ttl": 86400 }
            """);
        Observe(observed, "pki/roles/r3mes", """
            { "allowed_domains": ["r3mes.local"], "allow_subdomains": true, "allow_bare_domains": false, "allow_localhost": false, "ttl": 259200, "max_ttl": 2592000, "key_type": "ec", "key_bits": 256 }
            """);

        var plan = Plan(observed);

        Assert.DoesNotContain(plan.Steps, s => s.Target is "auth/kubernetes/role/backend" or "pki/roles/r3mes");
    }

    [Fact]
    public void Plan_AnExistingKvSecret_IsLeftAloneIfAbsentOnly_AndRewrittenWithAlwaysWhenAFileDiffers()
    {
        var observed = new ObservedState();
        Observe(observed, "secret/metadata/r3mes/app", """{ "current_version": 3 }""");
        Observe(observed, "secret/data/r3mes/grafana", $$"""{ "data": { "grafana_admin_password": "rotated-in-vault" }, "metadata": { "version": 2 } }""");
        var yaml = BootstrapFiles.Yaml.Replace("r3mes/grafana: { dir: secrets, fields: [grafana_admin_password] }",
            "r3mes/grafana: { dir: secrets, fields: [grafana_admin_password], update: always }", StringComparison.Ordinal);

        var plan = Plan(observed, yaml);

        Assert.DoesNotContain(plan.Steps, s => s.Target == "secret/data/r3mes/app");
        var grafana = Assert.Single(plan.Steps, s => s.Target == "secret/data/r3mes/grafana");
        Assert.StartsWith("write a new version of KV secret secret/r3mes/grafana (it differs from the files): grafana_admin_password (from ", grafana.Summary, StringComparison.Ordinal);
        Assert.Equal("data", grafana.SecretsUnder);

        Observe(observed, "secret/data/r3mes/grafana", $$"""{ "data": { "grafana_admin_password": "{{_files.Secrets["grafana_admin_password"]}}" }, "metadata": { "version": 3 } }""");
        Assert.DoesNotContain(Plan(observed, yaml).Steps, s => s.Target == "secret/data/r3mes/grafana");
    }

    [Fact]
    public void Plan_AMountOfAnotherTypeOrKvVersion_StopsWithWhatToDo()
    {
        var observed = new ObservedState();
        Observe(observed, "sys/mounts", """{ "secret/": { "type": "kv", "options": { "version": "1" } } }""");
        var e = Assert.Throws<BootstrapException>(() => Plan(observed));
        Assert.StartsWith("secret/ is KV version 1, the file wants version 2: upgrade it by hand", e.Message, StringComparison.Ordinal);

        Observe(observed, "sys/mounts", """{ "secret/": { "type": "kv", "options": { "version": "2" } }, "pki/": { "type": "transit", "options": null } }""");
        e = Assert.Throws<BootstrapException>(() => Plan(observed));
        Assert.StartsWith("pki/ is already a 'transit' secrets engine, the file wants 'pki' there", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ADifferentExistingCa_IsANoteAndNeverAStep()
    {
        var observed = new ObservedState();
        Observe(observed, "pki/issuers", """{ "keys": ["a1"] }""");
        using var key = System.Security.Cryptography.ECDsa.Create();
        using var other = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Someone Else's CA", key, System.Security.Cryptography.HashAlgorithmName.SHA256)
            .CreateSelfSigned(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2036, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Observe(observed, "pki/cert/ca", JsonSerializer.Serialize(new Dictionary<string, string> { ["certificate"] = other.ExportCertificatePem() }));

        var plan = Plan(observed);

        Assert.DoesNotContain(plan.Steps, s => s.Kind is StepKind.GeneratePkiRoot or StepKind.ImportPkiCa);
        Assert.StartsWith("pki/ already has the CA 'CN=Someone Else's CA', not the root CA 'R3MES Test Root' generated inside Vault: left alone", Assert.Single(plan.Notes), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SecretIds_AreIssuedForNewRolesMissingFilesOrWhenAsked_AndRoleIdFilesFollowTheRole()
    {
        var observed = new ObservedState();
        Observe(observed, "auth/approle/role/backend", """{ "token_policies": ["backend"] }""");
        Observe(observed, "auth/approle/role/backend/role-id", """{ "role_id": "5b1a0318-role" }""");
        observed.Files[Path.Combine(_files.Credentials, "backend", "role-id")] = "5b1a0318-role\n";
        observed.Files[Path.Combine(_files.Credentials, "backend", "secret-id")] = "";

        var plan = Plan(observed);
        Assert.DoesNotContain(plan.Steps, s => s.Target.StartsWith("auth/approle/role/backend/", StringComparison.Ordinal));
        Assert.Contains(plan.Steps, s => s.Target == "auth/approle/role/nginx/secret-id" && s.Summary.EndsWith("(new role)", StringComparison.Ordinal));

        var asked = Plan(observed, newSecretIds: true);
        Assert.Contains(asked.Steps, s => s.Target == "auth/approle/role/backend/secret-id" && s.Summary.EndsWith("(--new-secret-ids)", StringComparison.Ordinal));

        observed.Files.Remove(Path.Combine(_files.Credentials, "backend", "secret-id"));
        observed.Files[Path.Combine(_files.Credentials, "backend", "role-id")] = "stale-role-id\n";
        var missing = Plan(observed);
        Assert.Contains(missing.Steps, s => s.Target == "auth/approle/role/backend/secret-id" && s.Summary.EndsWith("(no secret-id file)", StringComparison.Ordinal));
        Assert.Contains(missing.Steps, s => s.Kind == StepKind.WriteRoleIdFile && s.Target == "auth/approle/role/backend/role-id");
    }

    [Fact]
    public void PolicyDocument_ForAService_GrantsExactlyItsPaths()
    {
        var spec = BootstrapReader.Read(_files.Write());

        Assert.Equal("""
            # Generated by r3mes-sidecar vault bootstrap for the sidecar of service 'backend'; a new run rewrites it.
            path "secret/data/r3mes/app" { capabilities = ["read"] }
            path "secret/metadata/r3mes/app" { capabilities = ["read"] }
            path "sys/internal/ui/mounts/secret/r3mes/app" { capabilities = ["read"] }

            """.Replace("\r", "", StringComparison.Ordinal), PolicyDocument.For(spec.Services[0], spec.Kv));
        Assert.Equal("""
            # Generated by r3mes-sidecar vault bootstrap for the sidecar of service 'nginx'; a new run rewrites it.
            path "pki/issue/r3mes" { capabilities = ["update"] }
            path "sys/internal/ui/mounts/pki/issue/r3mes" { capabilities = ["read"] }

            """.Replace("\r", "", StringComparison.Ordinal), PolicyDocument.For(spec.Services[1], spec.Kv));
    }

    private BootstrapPlan Plan(ObservedState observed, string yaml = BootstrapFiles.Yaml, bool newSecretIds = false) =>
        BootstrapPlanner.Plan(DesiredState.From(BootstrapReader.Read(_files.Write(yaml))), observed, newSecretIds);

    private static void Observe(ObservedState observed, string path, string json) => observed.Vault[path] = JsonDocument.Parse(json).RootElement.Clone();

    public void Dispose() => _files.Dispose();
}
