using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Vault.Bootstrap;

namespace R3mes.Sidecar.Vault.Tests.Bootstrap;

/// <summary>The bootstrap file reader: every problem reported at once with its key path; values never quoted.</summary>
public sealed class BootstrapReaderTests : IDisposable
{
    private readonly BootstrapFiles _files = new();

    [Fact]
    public void Read_TheExampleFile_ReadsEveryServiceWithItsPathsAndLogins()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "R3mes.Sidecar.sln")))
        {
            root = Path.GetDirectoryName(root)!;
        }

        var spec = BootstrapReader.Read(Path.Combine(root, "examples", "vault-bootstrap", "bootstrap.yaml"));

        Assert.Equal(["backend", "nginx", "remesd", "grafana"], spec.Services.Select(s => s.Name));
        var backend = spec.Services[0];
        Assert.Equal(["secret/r3mes/app"], backend.Kv);
        Assert.Equal(["database/creds/backend"], backend.Database);
        Assert.NotNull(backend.AppRole);
        Assert.Equal(["backend"], backend.Kubernetes!.ServiceAccounts);
        Assert.Equal(["backend"], spec.Database!.Connections.Single().AllowedRoles);
        Assert.Equal(["priv_validator_key", "node_key"], spec.Kv!.Secrets.Single(s => s.Path == "remesd/validator").Fields.Select(f => f.Name));
        Assert.True(spec.Pki!.Ca.IsRoot);
        Assert.Equal(TimeSpan.FromMinutes(15), spec.Credentials!.WrapTtl);
    }

    [Fact]
    public void Parse_AFileWithSeveralMistakes_ReportsEachAtItsKeyPath()
    {
        var e = Assert.Throws<ConfigurationException>(() => BootstrapReader.Parse("""
            kv:
              secrets:
                r3mes/app: { dir: secrets, fields: [jwt_secret, missing_field] }
            database:
              connections:
                r3mes: { connection_url: "postgresql://u:p@db/r3mes", username: vault, password_file: secrets/jwt_secret.txt }
              roles:
                backend: { connection: r3mes, creation_statements: ["CREATE ROLE \"{{name}}\" WITH LOGIN PASSWORD '{{password}}';"] }
            auth: { approle: {} }
            services:
              backend:
                kv: [secret/r3mes/app, other/r3mes/app]
                database: [database/creds/backnd]
                approl: {}
            """, _files.Root));

        var errors = e.Errors.Select(x => x.ToString()).ToList();
        Assert.Contains(errors, x => x.StartsWith("kv.secrets[\"r3mes/app\"].fields.missing_field: file ", StringComparison.Ordinal) && x.Contains("missing_field.txt does not exist", StringComparison.Ordinal));
        Assert.Contains(errors, x => x.StartsWith("database.connections.r3mes.connection_url: use the {{username}} and {{password}} placeholders", StringComparison.Ordinal));
        Assert.Contains(errors, x => x.StartsWith("database.roles.backend.creation_statements: give the user an expiry: VALID UNTIL", StringComparison.Ordinal));
        Assert.Contains("services.backend.kv[1]: 'other/r3mes/app' is not on the KV mount 'secret/' (write it as secret/<path>, the way the sidecar's source says it)", errors);
        Assert.Contains("services.backend.database[0]: 'backnd' is not a role this file defines (known: backend)", errors);
        Assert.Contains(errors, x => x.StartsWith("services.backend.approl: unknown key (known: ", StringComparison.Ordinal));
        Assert.Contains("services.backend.approle: give the service a way to log in: approle: {} and/or kubernetes: { service_accounts, namespaces }", errors);
        // The password file's content is a canary: no message quotes a value.
        Assert.All(errors, x => Assert.DoesNotContain("CANARY", x, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_AnAppRoleServiceWithoutACredentialsDirectory_SaysWhereTheSecretIdWouldGo()
    {
        var e = Assert.Throws<ConfigurationException>(() => BootstrapReader.Parse("""
            kv: { secrets: { r3mes/app: { dir: secrets, fields: [jwt_secret] } } }
            auth: { approle: {} }
            services:
              backend: { kv: [secret/r3mes/app], approle: {} }
            """, _files.Root));

        Assert.Equal("services.backend.approle: add credentials: { dir: … }: the role id and the wrapped secret id are written there", e.Errors.Single().ToString());
    }

    [Fact]
    public void Parse_AnEmptySecretFile_IsRefusedNamingTheFile()
    {
        File.WriteAllText(Path.Combine(_files.Root, "secrets", "empty.txt"), "");

        var e = Assert.Throws<ConfigurationException>(() => BootstrapReader.Parse("kv: { secrets: { r3mes/app: { dir: secrets, fields: [empty] } } }", _files.Root));

        Assert.Equal($"kv.secrets[\"r3mes/app\"].fields.empty: {Path.Combine(_files.Root, "secrets", "empty.txt")} is empty", e.Errors.Single().ToString());
    }

    public void Dispose() => _files.Dispose();
}
