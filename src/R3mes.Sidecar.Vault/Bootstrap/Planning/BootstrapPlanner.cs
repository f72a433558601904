using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// Compares the wanted state with the observed one and lists only what differs: a missing mount, auth method, KV
/// secret, object or policy is created; an object whose compared fields differ is rewritten (the plan names the
/// fields, never their values). What cannot be changed safely stops the plan (a mount of another type, a KV version
/// change) or is left alone with a note (a different CA: replacing it orphans every certificate it issued).
/// </summary>
internal static class BootstrapPlanner
{
    public static BootstrapPlan Plan(DesiredState desired, ObservedState observed, bool newSecretIds = false)
    {
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(observed);
        var steps = new List<BootstrapStep>();
        var notes = new List<string>();
        PlanMounts(desired, observed, steps);
        PlanKv(desired, observed, steps);
        foreach (var wanted in desired.EngineObjects)
        {
            PlanObject(wanted, observed, steps);
        }

        PlanCa(desired, observed, steps, notes);
        foreach (var policy in desired.Policies)
        {
            var current = observed.Read(policy.Path) is { } data && data.TryGetProperty("policy", out var text) ? text.GetString() : null;
            if (current != policy.Text)
            {
                steps.Add(new BootstrapStep(StepKind.WritePolicy, policy.Path,
                    $"{(current is null ? "create" : "rewrite (it differs)")} policy {policy.Name}")
                {
                    Body = new JsonObject { ["policy"] = policy.Text },
                });
            }
        }

        foreach (var wanted in desired.AuthObjects)
        {
            PlanObject(wanted, observed, steps);
        }

        PlanCredentials(desired, observed, steps, newSecretIds);
        return new BootstrapPlan(steps, notes);
    }

    private static void PlanMounts(DesiredState desired, ObservedState observed, List<BootstrapStep> steps)
    {
        foreach (var mount in desired.Mounts)
        {
            var table = observed.Read(mount.IsAuth ? "sys/auth" : "sys/mounts");
            if (table is { } mounts && mounts.TryGetProperty(mount.Path + "/", out var current))
            {
                var type = current.TryGetProperty("type", out var t) ? t.GetString() : null;
                var kvVersion = current.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Object &&
                                options.TryGetProperty("version", out var v) ? v.GetString() : null;
                if (mount.Type == "kv" && type is "kv" or "generic")
                {
                    var actual = kvVersion == "2" ? 2 : 1;
                    if (actual != mount.KvVersion)
                    {
                        throw new BootstrapException($"{mount.Path}/ is KV version {actual}, the file wants version {mount.KvVersion}: upgrade it by hand ('vault kv enable-versioning {mount.Path}', one way) or set kv.version: {actual}");
                    }

                    continue;
                }

                if (type != mount.Type)
                {
                    throw new BootstrapException($"{(mount.IsAuth ? "auth/" : "")}{mount.Path}/ is already a '{type}' {(mount.IsAuth ? "auth method" : "secrets engine")}, the file wants '{mount.Type}' there: choose another mount path, or disable that one by hand if it is unused");
                }

                continue;
            }

            steps.Add(new BootstrapStep(mount.IsAuth ? StepKind.EnableAuth : StepKind.EnableMount, $"{(mount.IsAuth ? "sys/auth" : "sys/mounts")}/{mount.Path}", mount.Describe())
            {
                Body = mount.Body,
            });
        }
    }

    private static void PlanKv(DesiredState desired, ObservedState observed, List<BootstrapStep> steps)
    {
        if (desired.Spec.Kv is not { } kv)
        {
            return;
        }

        foreach (var secret in kv.Secrets)
        {
            var current = observed.Read(DesiredState.KvReadPath(kv, secret));
            var fields = string.Join(", ", secret.Fields.Select(f => f.ToString()));
            string? summary = null;
            if (current is null)
            {
                summary = $"write KV secret {kv.Mount}/{secret.Path}: {fields}";
            }
            else if (secret.Update == KvUpdate.Always)
            {
                var data = kv.Version == 2 && current.Value.TryGetProperty("data", out var inner) ? inner : current.Value;
                if (!DesiredState.KvEquals(secret, data))
                {
                    summary = $"write a new version of KV secret {kv.Mount}/{secret.Path} (it differs from the files): {fields}";
                }
            }

            if (summary is not null)
            {
                steps.Add(new BootstrapStep(StepKind.WriteKv, DesiredState.KvWritePath(kv, secret), summary)
                {
                    Body = new JsonObject(),
                    Secrets = [.. secret.Fields.Select(f => KeyValuePair.Create(f.Name, f.Value))],
                    SecretsUnder = kv.Version == 2 ? "data" : null,
                });
            }
        }
    }

    private static void PlanObject(DesiredObject wanted, ObservedState observed, List<BootstrapStep> steps)
    {
        if (observed.Read(wanted.Path) is not { } current)
        {
            steps.Add(new BootstrapStep(StepKind.WriteObject, wanted.Path, $"create {wanted}") { Body = wanted.Body, Secrets = wanted.Secrets });
            return;
        }

        var differences = wanted.Differences(current);
        if (differences.Count > 0)
        {
            steps.Add(new BootstrapStep(StepKind.WriteObject, wanted.Path, $"update {wanted} ({string.Join(", ", differences)} differ{(differences.Count == 1 ? "s" : "")})")
            {
                Body = wanted.Body,
                Secrets = wanted.Secrets,
            });
        }
    }

    private static void PlanCa(DesiredState desired, ObservedState observed, List<BootstrapStep> steps, List<string> notes)
    {
        if (desired.Spec.Pki is not { } pki)
        {
            return;
        }

        var ca = pki.Ca;
        if (observed.Read($"{pki.Mount}/issuers") is null)
        {
            steps.Add(ca.IsRoot
                ? new BootstrapStep(StepKind.GeneratePkiRoot, $"{pki.Mount}/root/generate/internal", $"generate {ca.Describe()} in {pki.Mount}/")
                {
                    Body = new JsonObject
                    {
                        ["common_name"] = ca.RootCommonName,
                        ["ttl"] = (long)ca.RootTtl.TotalSeconds,
                        ["key_type"] = ca.RootKeyType,
                        ["issuer_name"] = "r3mes-root",
                    },
                }
                : new BootstrapStep(StepKind.ImportPkiCa, $"{pki.Mount}/config/ca", $"import the {ca.Describe()} into {pki.Mount}/")
                {
                    Body = new JsonObject(),
                    Secrets = [KeyValuePair.Create("pem_bundle", ca.Bundle!)],
                });
            return;
        }

        var pem = observed.Read($"{pki.Mount}/cert/ca") is { } data && data.TryGetProperty("certificate", out var c) ? c.GetString() : null;
        if (string.IsNullOrEmpty(pem))
        {
            notes.Add($"{pki.Mount}/ has issuers but no default CA certificate: left alone; set a default issuer by hand");
            return;
        }

        using var current = X509Certificate2.CreateFromPem(pem);
        var same = ca.IsRoot
            ? current.GetNameInfo(X509NameType.SimpleName, forIssuer: false) == ca.RootCommonName
            : ca.BundleCertificate is { } wanted && current.RawDataMemory.Span.SequenceEqual(wanted.RawDataMemory.Span);
        if (!same)
        {
            notes.Add($"{pki.Mount}/ already has the CA '{current.Subject}', not the {ca.Describe()}: left alone (replacing a CA orphans every certificate it issued; rotate it by hand)");
        }
    }

    private static void PlanCredentials(DesiredState desired, ObservedState observed, List<BootstrapStep> steps, bool newSecretIds)
    {
        foreach (var credentials in desired.Credentials)
        {
            var roleExists = observed.Read(credentials.RolePath) is not null;
            var roleId = observed.Read(credentials.RoleIdPath) is { } data && data.TryGetProperty("role_id", out var id) ? id.GetString() : null;
            var file = observed.Files.TryGetValue(credentials.RoleIdFile, out var text) ? text.Trim() : null;
            if (!roleExists || roleId is null || file != roleId)
            {
                steps.Add(new BootstrapStep(StepKind.WriteRoleIdFile, credentials.RoleIdPath, $"write the role id of {credentials.Service} to {credentials.RoleIdFile}")
                {
                    Credentials = credentials,
                });
            }

            var reason = !roleExists ? "new role" : newSecretIds ? "--new-secret-ids" : !observed.Files.ContainsKey(credentials.SecretIdFile) ? "no secret-id file" : null;
            if (reason is not null)
            {
                steps.Add(new BootstrapStep(StepKind.IssueSecretId, credentials.SecretIdPath,
                    $"issue a secret id for {credentials.Service}, response-wrapped (TTL {R3mes.Sidecar.Configuration.Duration.Format(credentials.WrapTtl)}), to {credentials.SecretIdFile} ({reason})")
                {
                    Body = new JsonObject(),
                    Credentials = credentials,
                });
            }
        }
    }
}
