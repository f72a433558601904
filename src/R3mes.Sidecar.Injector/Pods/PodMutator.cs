using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Injector.Annotations;
using R3mes.Sidecar.Injector.Patching;
using R3mes.Sidecar.Injector.Settings;

namespace R3mes.Sidecar.Injector.Pods;

/// <summary>
/// Decides what to do with one pod and builds its JSON Patch. It calls nothing outside the process: every input is
/// the review and the injector's settings.
/// </summary>
internal sealed class PodMutator(InjectorSettings settings)
{
    public MutationResult Mutate(string? podNamespace, JsonElement podJson)
    {
        if (podJson.ValueKind != JsonValueKind.Object || JsonNode.Parse(podJson.GetRawText(), documentOptions: new JsonDocumentOptions { MaxDepth = 256 }) is not JsonObject pod)
        {
            return MutationResult.Deny("the review's object is not a pod");
        }

        var metadata = pod["metadata"] as JsonObject;
        var annotations = metadata?["annotations"] as JsonObject;
        var ns = podNamespace ?? Text(metadata?["namespace"]) ?? "";
        if (annotations is null || Text(annotations[AnnotationNames.Inject]) != "true" || settings.SkipNamespaces.Contains(ns) || IsInjector(metadata, ns))
        {
            return MutationResult.Skip();
        }

        if (Text(annotations[AnnotationNames.Status]) == AnnotationNames.Injected || HasSidecar(pod))
        {
            return MutationResult.Unchanged();
        }

        if (pod["spec"] is not JsonObject spec || spec["containers"] is not JsonArray containers || containers.Count == 0)
        {
            return MutationResult.Deny("the pod has no spec.containers");
        }

        var errors = new List<AnnotationError>();
        var request = AnnotationReader.Read(annotations, AnnotationKinds.For(ns), errors);
        var volumes = Volumes(spec["volumes"] as JsonArray);
        var plan = errors.Count == 0 ? InjectionPlanner.Plan(request, volumes, settings, errors) : null;
        if (plan is null)
        {
            return MutationResult.Deny(string.Join("; ", errors));
        }

        var patch = new PodPatch();
        if (MountProblem(spec) is { } problem)
        {
            return MutationResult.Deny(problem);
        }

        // Mounts first, by the original indexes: inserting the sidecar at initContainers[0] shifts them.
        AddAppMounts(patch, spec["initContainers"] as JsonArray, "initContainers");
        AddAppMounts(patch, containers, "containers");
        patch.Append("/spec/volumes", spec["volumes"] as JsonArray,
            Volume(SidecarPaths.SecretsVolume, settings.Sidecar.SecretsSize),
            Volume(SidecarPaths.StateVolume, settings.Sidecar.StateSize));

        var uid = RunAsUser(spec);
        var initContainers = spec["initContainers"] as JsonArray;
        if (plan.InitOnly || plan.Layout == SidecarLayout.Classic)
        {
            patch.Prepend("/spec/initContainers", initContainers, SidecarContainers.Once(plan, settings.Sidecar, uid));
            if (!plan.InitOnly)
            {
                patch.Append("/spec/containers", containers, SidecarContainers.Classic(plan, settings.Sidecar, uid));
            }
        }
        else
        {
            patch.Prepend("/spec/initContainers", initContainers, SidecarContainers.Native(plan, settings.Sidecar, uid));
        }

        if (plan.ShareProcessNamespace && spec["shareProcessNamespace"]?.GetValueKind() != JsonValueKind.True)
        {
            patch.Set("/spec/shareProcessNamespace", JsonValue.Create(true));
        }

        foreach (var (key, value) in plan.EffectiveAnnotations)
        {
            if (Text(annotations[key]) != value)
            {
                patch.Set(JsonPointer.Of("metadata", "annotations", key), JsonValue.Create(value));
            }
        }

        return new MutationResult(MutationOutcome.Injected, patch.Operations, null);
    }

    private bool IsInjector(JsonObject? metadata, string ns) =>
        ns == settings.Namespace && metadata?["labels"] is JsonObject labels && Text(labels[InjectorSettings.SelfLabel]) == InjectorSettings.SelfLabelValue;

    private static bool HasSidecar(JsonObject pod) =>
        new[] { "initContainers", "containers" }.Any(list => pod["spec"]?[list] is JsonArray array &&
            array.Any(c => Text(c?["name"]) is SidecarPaths.SidecarContainer or SidecarPaths.InitContainer));

    private static Dictionary<string, JsonObject> Volumes(JsonArray? volumes)
    {
        var byName = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var volume in volumes?.OfType<JsonObject>() ?? [])
        {
            if (Text(volume["name"]) is { } name)
            {
                byName.TryAdd(name, volume);
            }
        }

        return byName;
    }

    /// <summary>The injector's names and mount path must be free; anything else there is a conflict to report.</summary>
    private static string? MountProblem(JsonObject spec)
    {
        if (Volumes(spec["volumes"] as JsonArray).Keys.FirstOrDefault(n => n is SidecarPaths.SecretsVolume or SidecarPaths.StateVolume) is { } taken)
        {
            return $"the pod already has a volume named '{taken}', which the injector adds; rename it";
        }

        foreach (var list in new[] { "initContainers", "containers" })
        {
            if (spec[list] is { } present && (present is not JsonArray array || array.Any(c => c is not JsonObject)))
            {
                return $"spec.{list} is not a list of containers";
            }

            foreach (var container in (spec[list] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                if ((container["volumeMounts"] as JsonArray)?.OfType<JsonObject>().Any(m => Text(m["mountPath"])?.TrimEnd('/') == SidecarPaths.SecretsMount) == true)
                {
                    return $"container '{Text(container["name"])}' already mounts something at {SidecarPaths.SecretsMount}, where the injector mounts the secrets";
                }
            }
        }

        return null;
    }

    private static void AddAppMounts(PodPatch patch, JsonArray? containers, string list)
    {
        for (var i = 0; i < (containers?.Count ?? 0); i++)
        {
            var container = containers![i] as JsonObject;
            var path = $"/spec/{list}/{i.ToString(CultureInfo.InvariantCulture)}/volumeMounts";
            var mount = new JsonObject { ["name"] = SidecarPaths.SecretsVolume, ["mountPath"] = SidecarPaths.SecretsMount, ["readOnly"] = true };
            patch.Append(path, container?["volumeMounts"] as JsonArray, mount);
        }
    }

    private static JsonObject Volume(string name, string size) => new()
    {
        ["name"] = name,
        ["emptyDir"] = new JsonObject { ["medium"] = "Memory", ["sizeLimit"] = size },
    };

    /// <summary>The pod's own non-root user when it sets one (a signal needs the same user), else the injector's default.</summary>
    private long RunAsUser(JsonObject spec) =>
        spec["securityContext"]?["runAsUser"] is JsonValue value && value.TryGetValue<long>(out var uid) && uid > 0 ? uid : settings.Sidecar.Uid;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
