using System.Net;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Vault.Emulator.Pki;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary><c>&lt;mount&gt;/issue/&lt;role&gt;</c>: name checks, TTL capped at the role's max_ttl, a lease only with generate_lease.</summary>
public sealed partial class VaultEmulator
{
    private EmulatorReply Issue(EmulatorCall call, EmulatorToken token, PkiMount mount, string roleName)
    {
        if (mount.Ca is null)
        {
            return EmulatorReply.Error(400, "no default issuer currently configured");
        }

        if (!mount.Roles.TryGetValue(roleName, out var role))
        {
            return EmulatorReply.Error(400, $"unknown role: {roleName}");
        }

        if ((call.Str("format") ?? "pem") != "pem")
        {
            return EmulatorReply.Error(400, "the emulator only issues format=pem");
        }

        var commonName = call.Str("common_name") ?? "";
        if (commonName.Length == 0)
        {
            return EmulatorReply.Error(400, "the common_name field is required, or must be provided in a CSR with \"use_csr_common_name\" set to true, unless \"require_cn\" is set to false");
        }

        if (!PkiNamePolicy.Allows(role, commonName))
        {
            return EmulatorReply.Error(400, $"common name {commonName} not allowed by this role");
        }

        var altNames = List(call.Body?["alt_names"]);
        if (altNames.FirstOrDefault(n => !PkiNamePolicy.Allows(role, n)) is { } badName)
        {
            return EmulatorReply.Error(400, $"subject alternate name {badName} not allowed by this role");
        }

        var ipTexts = List(call.Body?["ip_sans"]);
        if (ipTexts.Count > 0 && !role.AllowIpSans)
        {
            return EmulatorReply.Error(400, $"IP Subject Alternative Names are not allowed in this role, but was provided {string.Join(',', ipTexts)}");
        }

        var ips = new List<IPAddress>();
        foreach (var text in ipTexts)
        {
            if (!IPAddress.TryParse(text, out var ip))
            {
                return EmulatorReply.Error(400, $"the value \"{text}\" is not a valid IP address");
            }

            ips.Add(ip);
        }

        var cnIsIp = IPAddress.TryParse(commonName, out var cnIp);
        if (cnIsIp && !ips.Contains(cnIp!))
        {
            ips.Insert(0, cnIp!);
        }

        var dnsNames = (cnIsIp ? altNames : [commonName, .. altNames]).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var requested = EmulatorDuration.Parse(call.Body?["ttl"]);
        var ttl = requested > TimeSpan.Zero ? requested : role.Ttl > TimeSpan.Zero ? role.Ttl : SystemMaxTtl;
        var maxTtl = role.MaxTtl > TimeSpan.Zero ? role.MaxTtl : SystemMaxTtl;
        JsonArray? warnings = null;
        if (ttl > maxTtl)
        {
            warnings = [$"TTL \"{GoDuration(ttl)}\" is longer than permitted maxTTL \"{GoDuration(maxTtl)}\", so using maxTTL"];
            ttl = maxTtl;
        }

        if (Now + ttl > mount.Ca!.NotAfter)
        {
            return EmulatorReply.Error(400, $"cannot satisfy request, as TTL would result in notAfter of {Now + ttl:O} that is beyond the expiration of the CA certificate at {mount.Ca!.NotAfter.ToUniversalTime():O}");
        }

        var serial = PkiIssuer.NewSerial();
        var (certificate, keyPem) = PkiIssuer.Issue(mount, role, commonName, dnsNames, ips, Now, ttl, serial);
        using (certificate)
        {
            var serialText = PkiIssuer.FormatSerial(serial);
            mount.IssuedSerials.Add(serialText);
            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
            var caPem = PkiIssuer.Pem(mount.Ca!);
            var data = new JsonObject
            {
                ["ca_chain"] = new JsonArray(caPem),
                ["certificate"] = PkiIssuer.Pem(certificate),
                ["expiration"] = notAfter.ToUnixTimeSeconds(),
                ["issuing_ca"] = caPem,
                ["private_key"] = keyPem,
                ["private_key_type"] = role.KeyType,
                ["serial_number"] = serialText,
            };
            if (!role.GenerateLease)
            {
                return EmulatorReply.Ok(Envelope.Create(data, warnings: warnings, mountType: "pki"));
            }

            var leaseTtl = notAfter - Now;
            var lease = RegisterEngineLease(call.Path, token.Id, leaseTtl, leaseTtl, renewable: false, null, null);
            return EmulatorReply.Ok(Envelope.Create(data, leaseId: lease.Id, leaseDuration: (long)leaseTtl.TotalSeconds, warnings: warnings, mountType: "pki"));
        }
    }

    /// <summary>Go's <c>time.Duration.String()</c> for whole seconds: <c>72h0m0s</c>, <c>5m0s</c>, <c>45s</c>.</summary>
    private static string GoDuration(TimeSpan value)
    {
        var hours = (long)value.TotalHours;
        return hours > 0 ? $"{hours}h{value.Minutes}m{value.Seconds}s" : value.Minutes > 0 ? $"{value.Minutes}m{value.Seconds}s" : $"{value.Seconds}s";
    }
}
