using System.Text;

namespace R3mes.Sidecar.Kubernetes.Tests.Support;

/// <summary>API JSON for scripted answers: a SecretList, watch events, a bookmark, a 410 ERROR event.</summary>
internal static class Api
{
    public static string Secret(string name, string resourceVersion, params (string Key, string Value)[] data)
    {
        var fields = string.Join(",", data.Select(d => $"\"{d.Key}\":\"{Convert.ToBase64String(Encoding.UTF8.GetBytes(d.Value))}\""));
        return "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"r3mes\",\"resourceVersion\":\""
            + resourceVersion + "\"},\"type\":\"Opaque\",\"data\":{" + fields + "}}";
    }

    public static string List(string resourceVersion, params string[] items) =>
        "{\"kind\":\"SecretList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\"},\"items\":[" + string.Join(",", items) + "]}";

    public static string Event(string type, string value) => "{\"type\":\"" + type + "\",\"object\":" + value + "}";

    public static string Bookmark(string resourceVersion) =>
        Event("BOOKMARK", "{\"kind\":\"Secret\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"" + resourceVersion + "\"}}");

    public static string Expired(string resourceVersion) =>
        Event("ERROR", "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version: "
            + resourceVersion + " (2000)\",\"reason\":\"Expired\",\"code\":410}");
}
