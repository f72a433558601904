using System.Globalization;
using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Kubernetes.Emulator;

/// <summary>The API's JSON shapes: Secret, SecretList, Status, and one-line WatchEvents.</summary>
internal static class ApiJson
{
    public static JsonObject Secret(StoredSecret secret, long? resourceVersion = null)
    {
        var data = new JsonObject();
        foreach (var (key, value) in secret.Data.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data[key] = Convert.ToBase64String(value);
        }

        return new JsonObject
        {
            ["kind"] = "Secret",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = secret.Name,
                ["namespace"] = secret.Namespace,
                ["uid"] = secret.Uid,
                ["resourceVersion"] = Text(resourceVersion ?? secret.ResourceVersion),
                ["creationTimestamp"] = secret.Created.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            },
            ["type"] = "Opaque",
            ["data"] = data,
        };
    }

    public static string List(long resourceVersion, IEnumerable<StoredSecret> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(Secret(item));
        }

        return new JsonObject
        {
            ["kind"] = "SecretList",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = Text(resourceVersion) },
            ["items"] = array,
        }.ToJsonString();
    }

    public static string Status(int code, string reason, string message) => StatusObject(code, reason, message).ToJsonString();

    public static string Event(string type, JsonObject value) =>
        new JsonObject { ["type"] = type, ["object"] = value }.ToJsonString() + "\n";

    /// <summary>A BOOKMARK: an object of the watched kind carrying only the resource version.</summary>
    public static string Bookmark(long resourceVersion) => Event("BOOKMARK", new JsonObject
    {
        ["kind"] = "Secret",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject { ["resourceVersion"] = Text(resourceVersion) },
    });

    /// <summary>The ERROR event a watch from a compacted resource version gets.</summary>
    public static string Expired(long asked, long oldest) =>
        Event("ERROR", StatusObject(410, "Expired", $"too old resource version: {asked} ({oldest})"));

    public static string Text(long resourceVersion) => resourceVersion.ToString(CultureInfo.InvariantCulture);

    private static JsonObject StatusObject(int code, string reason, string message) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = code < 400 ? "Success" : "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };
}
