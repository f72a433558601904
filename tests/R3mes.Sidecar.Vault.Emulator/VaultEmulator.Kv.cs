using System.Globalization;
using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>KV v1 and v2 (vault-plugin-secrets-kv) and sys/internal/ui/mounts.</summary>
public sealed partial class VaultEmulator
{
    /// <summary>The mount a path is on (the longest configured mount that prefixes it), or null.</summary>
    private string? KvMountOf(string path) =>
        _kv.Keys.Where(m => path == m || path.StartsWith(m + "/", StringComparison.Ordinal)).OrderByDescending(m => m.Length).FirstOrDefault();

    private EmulatorReply Kv(EmulatorCall call, EmulatorToken token, string mount)
    {
        if (!Allowed(token, call.Path, Capability(call.Method)))
        {
            return EmulatorReply.Denied;
        }

        var (version, secrets) = _kv[mount];
        var rest = call.Path.Length > mount.Length ? call.Path[(mount.Length + 1)..] : "";
        if (version == 1)
        {
            return call.Method switch
            {
                "GET" when secrets.TryGetValue(rest, out var s) && s.Versions.Count > 0 =>
                    EmulatorReply.Ok(Envelope.Create(s.Versions[^1].Data, leaseDuration: 2764800, mountType: "kv")),
                "GET" => EmulatorReply.Error(404),
                "POST" => Write1(mount, rest, call.Body),
                "DELETE" => Delete1(secrets, rest),
                _ => EmulatorReply.Error(405),
            };
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var (operation, key) = slash < 0 ? (rest, "") : (rest[..slash], rest[(slash + 1)..]);
        secrets.TryGetValue(key, out var secret);
        return (call.Method, operation) switch
        {
            ("GET", "data") => ReadVersion(secret, call.Query.TryGetValue("version", out var v) ? v : null),
            ("POST", "data") => Write2(mount, key, call.Body),
            ("DELETE", "data") => Edit(secret, [secret?.CurrentVersion ?? 0], x => x.Deleted = Now),
            ("GET", "metadata") => secret is null ? EmulatorReply.Error(404) : EmulatorReply.Ok(Envelope.Create(Metadata(secret), mountType: "kv")),
            ("POST", "delete") => Edit(secret, Versions(call), x => x.Deleted = Now),
            ("POST", "undelete") => Edit(secret, Versions(call), x => x.Deleted = null),
            ("POST", "destroy") => Edit(secret, Versions(call), x => (x.Destroyed, x.Data) = (true, null)),
            _ => EmulatorReply.Error(405),
        };
    }

    /// <summary>Deleted or destroyed → 404 WITH the envelope (RespondWithStatusCode); missing → 404 {"errors":[]}.</summary>
    private EmulatorReply ReadVersion(KvSecret? secret, string? requested)
    {
        var number = int.TryParse(requested, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : secret?.CurrentVersion ?? 0;
        if (secret is null || number < 1 || number > secret.CurrentVersion)
        {
            return EmulatorReply.Error(404);
        }

        var version = secret.Versions[number - 1];
        var gone = version.Destroyed || (version.Deleted is { } deleted && deleted <= Now);
        var data = new JsonObject
        {
            ["data"] = gone ? null : version.Data?.DeepClone(),
            ["metadata"] = VersionMetadata(version, number),
        };
        var envelope = Envelope.Create(data, mountType: "kv");
        return gone ? new EmulatorReply(404, null, Raw: envelope.ToJsonString()) : EmulatorReply.Ok(envelope);
    }

    private EmulatorReply Write2(string mount, string key, JsonObject? body)
    {
        if (body?["data"] is not JsonObject data)
        {
            return EmulatorReply.Error(400, "no data provided");
        }

        var number = PutKv(mount, key, (JsonObject)data.DeepClone());
        return EmulatorReply.Ok(Envelope.Create(VersionMetadata(_kv[mount].Secrets[key].Versions[number - 1], number), mountType: "kv"));
    }

    private EmulatorReply Write1(string mount, string key, JsonObject? body)
    {
        PutKv(mount, key, body is null ? [] : (JsonObject)body.DeepClone());
        return EmulatorReply.NoContent;
    }

    private static EmulatorReply Delete1(Dictionary<string, KvSecret> secrets, string key)
    {
        secrets.Remove(key);
        return EmulatorReply.NoContent;
    }

    private static EmulatorReply Edit(KvSecret? secret, IEnumerable<int> versions, Action<KvVersion> edit)
    {
        foreach (var number in versions.Where(v => secret is not null && v >= 1 && v <= secret.CurrentVersion))
        {
            edit(secret!.Versions[number - 1]);
        }

        return EmulatorReply.NoContent;
    }

    private static int[] Versions(EmulatorCall call) =>
        (call.Body?["versions"] as JsonArray)?.Select(v => v!.GetValue<int>()).ToArray() ?? [];

    private static JsonObject VersionMetadata(KvVersion version, int number) => new()
    {
        ["created_time"] = Time(version.Created),
        ["custom_metadata"] = null,
        ["deletion_time"] = version.Deleted is { } d ? Time(d) : "",
        ["destroyed"] = version.Destroyed,
        ["version"] = number,
    };

    private static JsonObject Metadata(KvSecret secret) => new()
    {
        ["cas_required"] = false,
        ["created_time"] = Time(secret.Versions[0].Created),
        ["current_version"] = secret.CurrentVersion,
        ["custom_metadata"] = null,
        ["delete_version_after"] = "0s",
        ["max_versions"] = 0,
        ["oldest_version"] = 0,
        ["updated_time"] = Time(secret.Versions[^1].Created),
        ["versions"] = new JsonObject(secret.Versions.Select((v, i) => KeyValuePair.Create(
            (i + 1).ToString(CultureInfo.InvariantCulture),
            (JsonNode?)new JsonObject { ["created_time"] = Time(v.Created), ["deletion_time"] = v.Deleted is { } d ? Time(d) : "", ["destroyed"] = v.Destroyed }))),
    };

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
}
