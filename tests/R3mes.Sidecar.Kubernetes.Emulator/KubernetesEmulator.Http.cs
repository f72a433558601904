using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace R3mes.Sidecar.Kubernetes.Emulator;

/// <summary>Get, create (POST), replace (PUT) and delete over HTTP. <c>stringData</c> is merged into <c>data</c> and never returned.</summary>
public sealed partial class KubernetesEmulator
{
    private async Task<int> GetAsync(HttpContext context, string ns, string name) =>
        Find(ns, name) is { } secret
            ? await WriteJsonAsync(context, 200, ApiJson.Secret(secret).ToJsonString())
            : await NotFoundAsync(context, name);

    private async Task<int> CreateAsync(HttpContext context, string ns)
    {
        var (name, _, data) = await ReadSecretAsync(context);
        if (name is null || data is null)
        {
            return await WriteStatusAsync(context, 400, "BadRequest", "the body is not a Secret with metadata.name and base64 data");
        }

        return Write("ADDED", ns, name, data, mustExist: false) is { } created
            ? await WriteJsonAsync(context, 201, ApiJson.Secret(created).ToJsonString())
            : await WriteStatusAsync(context, 409, "AlreadyExists", $"secrets \"{name}\" already exists");
    }

    private async Task<int> UpdateAsync(HttpContext context, string ns, string name)
    {
        var (bodyName, resourceVersion, data) = await ReadSecretAsync(context);
        if (data is null || (bodyName is not null && bodyName != name))
        {
            return await WriteStatusAsync(context, 400, "BadRequest", "the body is not a Secret of this name with base64 data");
        }

        if (resourceVersion is not null && Find(ns, name) is { } current && ApiJson.Text(current.ResourceVersion) != resourceVersion)
        {
            return await WriteStatusAsync(context, 409, "Conflict", $"Operation cannot be fulfilled on secrets \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
        }

        return Write("MODIFIED", ns, name, data, mustExist: true) is { } replaced
            ? await WriteJsonAsync(context, 200, ApiJson.Secret(replaced).ToJsonString())
            : await NotFoundAsync(context, name);
    }

    private async Task<int> DeleteAsync(HttpContext context, string ns, string name) =>
        Write("DELETED", ns, name, null, mustExist: true) is { } deleted
            ? await WriteJsonAsync(context, 200, ApiJson.Secret(deleted).ToJsonString())
            : await NotFoundAsync(context, name);

    private static Task<int> NotFoundAsync(HttpContext context, string name) =>
        WriteStatusAsync(context, 404, "NotFound", $"secrets \"{name}\" not found");

    private static async Task<(string? Name, string? ResourceVersion, Dictionary<string, byte[]>? Data)> ReadSecretAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body);
            var root = document.RootElement;
            var metadata = root.TryGetProperty("metadata", out var m) ? m : default;
            string? Text(string property) => metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(property, out var v) ? v.GetString() : null;
            var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            if (root.TryGetProperty("data", out var encoded) && encoded.ValueKind == JsonValueKind.Object)
            {
                foreach (var pair in encoded.EnumerateObject())
                {
                    data[pair.Name] = Convert.FromBase64String(pair.Value.GetString() ?? "");
                }
            }

            if (root.TryGetProperty("stringData", out var plain) && plain.ValueKind == JsonValueKind.Object)
            {
                foreach (var pair in plain.EnumerateObject())
                {
                    data[pair.Name] = Encoding.UTF8.GetBytes(pair.Value.GetString() ?? "");
                }
            }

            return (Text("name"), Text("resourceVersion"), data);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            return (null, null, null);
        }
    }
}
