using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;

namespace R3mes.Sidecar.Injector.Tests.Support;

/// <summary>Applies a webhook's JSON Patch to a pod with Microsoft's RFC 6902 implementation — not our own code.</summary>
internal static class PatchApplier
{
    public static JsonObject Apply(JsonObject pod, JsonNode response)
    {
        var base64 = response["response"]?["patch"]?.GetValue<string>() ?? throw new InvalidOperationException("no patch in " + response.ToJsonString());
        Assert.Equal("JSONPatch", response["response"]!["patchType"]!.GetValue<string>());
        return Apply(pod, Encoding.UTF8.GetString(Convert.FromBase64String(base64)));
    }

    public static JsonObject Apply(JsonObject pod, string patchJson)
    {
        var document = JsonSerializer.Deserialize<JsonPatchDocument>(patchJson) ?? throw new InvalidOperationException("empty patch");
        var target = pod.DeepClone().AsObject();
        var errors = new List<string>();
        document.ApplyTo(target, error => errors.Add($"{error.Operation?.op} {error.Operation?.path}: {error.ErrorMessage}"));
        Assert.True(errors.Count == 0, "the patch does not apply: " + string.Join("; ", errors) + "\npatch: " + patchJson);
        return target;
    }
}
