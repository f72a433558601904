using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Injector.Tests.Webhook;

/// <summary>Reads an injected pod the way the assertions need it.</summary>
internal sealed class InjectedPod(JsonObject pod)
{
    public JsonObject Json => pod;

    public JsonArray InitContainers => pod["spec"]!["initContainers"]!.AsArray();

    public JsonArray Containers => pod["spec"]!["containers"]!.AsArray();

    public JsonArray Volumes => pod["spec"]!["volumes"]!.AsArray();

    public JsonObject Annotations => pod["metadata"]!["annotations"]!.AsObject();

    public string? Annotation(string name) => Annotations["sidecar.r3mes.io/" + name]?.GetValue<string>();

    public JsonObject Container(string name) =>
        InitContainers.Concat(Containers).Single(c => c!["name"]!.GetValue<string>() == name)!.AsObject();

    public JsonObject Volume(string name) => Volumes.Single(v => v!["name"]!.GetValue<string>() == name)!.AsObject();

    public static JsonObject? MountAt(JsonObject container, string path) =>
        container["volumeMounts"]?.AsArray().SingleOrDefault(m => m!["mountPath"]!.GetValue<string>() == path)?.AsObject();

    /// <summary>The generated sidecar configuration (the inline environment variable), parsed.</summary>
    public static JsonObject Config(JsonObject sidecar) =>
        JsonNode.Parse(sidecar["env"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "R3MES_SIDECAR_CONFIG_INLINE")!["value"]!.GetValue<string>())!.AsObject();

    public static string Text(JsonNode? node) => node!.GetValue<string>();
}
