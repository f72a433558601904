using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Vault.Emulator.Pki;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// The PKI engine: a real root CA, <c>&lt;mount&gt;/roles/&lt;name&gt;</c> and <c>&lt;mount&gt;/issue/&lt;role&gt;</c>
/// (builtin/logical/pki/path_issue_sign.go; response shape per sdk/helper/certutil ToCertBundle).
/// </summary>
public sealed partial class VaultEmulator
{
    private static readonly TimeSpan DefaultCaTtl = TimeSpan.FromDays(3650);
    private readonly Dictionary<string, PkiMount> _pkiMounts = new(StringComparer.Ordinal);

    /// <summary>The root CA of the first PKI mount enabled (null before <see cref="EnablePki"/>).</summary>
    public X509Certificate2? CaCertificate
    {
        get
        {
            lock (_gate)
            {
                return _pkiMounts.Values.FirstOrDefault(m => m.Ca is not null)?.Ca;
            }
        }
    }

    /// <summary>Serial numbers (Vault's <c>aa:bb:…</c> form) of every certificate issued, across PKI mounts, in order.</summary>
    public IReadOnlyList<string> IssuedSerials
    {
        get
        {
            lock (_gate)
            {
                return [.. _pkiMounts.Values.SelectMany(m => m.IssuedSerials)];
            }
        }
    }

    /// <summary>Enables a PKI engine at <paramref name="mount"/> with a fresh EC P-256 root CA valid for <paramref name="caTtl"/> (default 10 years); returns the CA.</summary>
    public X509Certificate2 EnablePki(string mount = "pki", TimeSpan? caTtl = null)
    {
        var pki = PkiIssuer.CreateRoot(mount.Trim('/'), Now, caTtl ?? DefaultCaTtl);
        lock (_gate)
        {
            _pkiMounts[pki.Path] = pki;
        }

        return pki.Ca!;
    }

    private PkiMount? PkiMountOf(string path) => _pkiMounts.Values.FirstOrDefault(m => path.StartsWith(m.Path + "/", StringComparison.Ordinal));

    private EmulatorReply Pki(EmulatorCall call, EmulatorToken token, PkiMount mount)
    {
        var rest = call.Path[(mount.Path.Length + 1)..].Split('/', 2);
        return (call.Method, rest[0], rest.Length) switch
        {
            ("POST", "roles", 2) => WritePkiRole(call, mount, rest[1]),
            ("GET", "roles", 2) => ReadPkiRole(mount, rest[1]),
            ("POST", "root", 2) when rest[1] == "generate/internal" => GenerateRoot(call, mount),
            ("POST", "config", 2) when rest[1] == "ca" => ImportCa(call, mount),
            ("LIST", "issuers", 1) => ListIssuers(mount),
            ("GET", "cert", 2) when rest[1] == "ca" => ReadCa(mount),
            ("POST", "issue", 2) => Issue(call, token, mount, rest[1]),
            (_, "roles" or "issue", 2) => EmulatorReply.Error(405),
            _ => EmulatorReply.Error(404, $"no handler for route \"{call.Path}\". route entry not found."),
        };
    }

    private EmulatorReply WritePkiRole(EmulatorCall call, PkiMount mount, string name)
    {
        var keyType = call.Str("key_type") ?? "rsa";
        if (keyType is not ("rsa" or "ec"))
        {
            return EmulatorReply.Error(400, $"unknown key type {keyType}");
        }

        var bits = call.Body?["key_bits"] is { } b && b.GetValueKind() == JsonValueKind.Number ? b.GetValue<int>() : 0;
        mount.Roles[name] = new PkiRole(name, List(call.Body?["allowed_domains"]), Bool(call, "allow_subdomains", false), Bool(call, "allow_bare_domains", false),
            Bool(call, "allow_any_name", false), Bool(call, "allow_ip_sans", true), Bool(call, "allow_localhost", true),
            EmulatorDuration.Parse(call.Body?["ttl"]), EmulatorDuration.Parse(call.Body?["max_ttl"]), keyType,
            bits > 0 ? bits : keyType == "ec" ? 256 : 2048, Bool(call, "generate_lease", false));
        return EmulatorReply.NoContent;
    }

    private static bool Bool(EmulatorCall call, string name, bool fallback) => call.Body?[name] switch
    {
        null => fallback,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => bool.TryParse(v.GetValue<string>(), out var parsed) ? parsed : fallback,
        _ => fallback,
    };
}
