using System.Security.Cryptography;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Vault.Emulator.Pki;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>
/// PKI set-up over the API (api-docs/secret/pki): <c>root/generate/internal</c> (the TTL capped at the mount's
/// max_lease_ttl; a second root adds an issuer and leaves the default alone, as Vault ≥ 1.11 does),
/// <c>config/ca</c> (a PEM bundle with its key), <c>LIST issuers</c> (404 when there is none), <c>cert/ca</c>, and
/// role reads with TTLs in seconds.
/// </summary>
public sealed partial class VaultEmulator
{
    private EmulatorReply GenerateRoot(EmulatorCall call, PkiMount mount)
    {
        var commonName = call.Str("common_name");
        if (string.IsNullOrEmpty(commonName))
        {
            return EmulatorReply.Error(400, "the common_name field is required");
        }

        var keyType = call.Str("key_type") ?? "rsa";
        if (keyType is not ("rsa" or "ec"))
        {
            return EmulatorReply.Error(400, $"unknown key type {keyType}");
        }

        var max = mount.MaxLeaseTtl > TimeSpan.Zero ? mount.MaxLeaseTtl : SystemMaxTtl;
        var requested = EmulatorDuration.Parse(call.Body?["ttl"]);
        var ttl = requested > TimeSpan.Zero && requested < max ? requested : max;
        var bits = call.Body?["key_bits"] is { } b && b.GetValueKind() == System.Text.Json.JsonValueKind.Number ? b.GetValue<int>() : 0;
        // Not disposed: the first root becomes the mount's CA and is used for every issue.
        var ca = PkiIssuer.SetRoot(mount, commonName, keyType, bits, Now, ttl);
        var pem = PkiIssuer.Pem(ca);
        return EmulatorReply.Ok(Envelope.Create(new JsonObject
        {
            ["certificate"] = pem,
            ["expiration"] = new DateTimeOffset(ca.NotAfter.ToUniversalTime()).ToUnixTimeSeconds(),
            ["issuer_id"] = mount.IssuerIds[^1],
            ["issuer_name"] = call.Str("issuer_name") ?? "",
            ["issuing_ca"] = pem,
            ["key_id"] = Guid.NewGuid().ToString(),
            ["key_name"] = "",
            ["key_type"] = keyType,
            ["serial_number"] = ca.SerialNumber.ToLowerInvariant(),
        }, mountType: "pki"));
    }

    private EmulatorReply ImportCa(EmulatorCall call, PkiMount mount)
    {
        if (call.Str("pem_bundle") is not { Length: > 0 } bundle)
        {
            return EmulatorReply.Error(400, "bundle not supplied");
        }

        try
        {
            PkiIssuer.Import(mount, bundle);
        }
        catch (CryptographicException)
        {
            return EmulatorReply.Error(400, "error parsing PEM bundle");
        }
        catch (ArgumentException)
        {
            return EmulatorReply.Error(400, "error parsing PEM bundle");
        }

        return EmulatorReply.Ok(Envelope.Create(new JsonObject
        {
            ["imported_issuers"] = new JsonArray(mount.IssuerIds[^1]),
            ["imported_keys"] = new JsonArray(Guid.NewGuid().ToString()),
            ["mapping"] = new JsonObject { [mount.IssuerIds[^1]] = Guid.NewGuid().ToString() },
        }, mountType: "pki"));
    }

    private static EmulatorReply ListIssuers(PkiMount mount) => mount.IssuerIds.Count == 0
        ? EmulatorReply.Error(404)
        : EmulatorReply.Ok(Envelope.Create(new JsonObject
        {
            ["keys"] = new JsonArray([.. mount.IssuerIds.Select(i => (JsonNode)i)]),
            ["key_info"] = new JsonObject(mount.IssuerIds.Select(i => KeyValuePair.Create(i, (JsonNode?)new JsonObject { ["issuer_name"] = "", ["is_default"] = i == mount.IssuerIds[0] }))),
        }, mountType: "pki"));

    private static EmulatorReply ReadCa(PkiMount mount) => mount.Ca is null
        ? EmulatorReply.Error(404)
        : EmulatorReply.Ok(Envelope.Create(new JsonObject
        {
            ["certificate"] = PkiIssuer.Pem(mount.Ca),
            ["revocation_time"] = 0,
            ["revocation_time_rfc3339"] = "",
        }, mountType: "pki"));

    private static EmulatorReply ReadPkiRole(PkiMount mount, string name) => !mount.Roles.TryGetValue(name, out var role)
        ? EmulatorReply.Error(404)
        : EmulatorReply.Ok(Envelope.Create(new JsonObject
        {
            ["allow_any_name"] = role.AllowAnyName,
            ["allow_bare_domains"] = role.AllowBareDomains,
            ["allow_ip_sans"] = role.AllowIpSans,
            ["allow_localhost"] = role.AllowLocalhost,
            ["allow_subdomains"] = role.AllowSubdomains,
            ["allowed_domains"] = new JsonArray([.. role.AllowedDomains.Select(d => (JsonNode)d)]),
            ["generate_lease"] = role.GenerateLease,
            ["key_bits"] = role.KeyBits,
            ["key_type"] = role.KeyType,
            ["max_ttl"] = (long)role.MaxTtl.TotalSeconds,
            ["ttl"] = (long)role.Ttl.TotalSeconds,
        }, mountType: "pki"));
}
