using System.Text.Json.Nodes;
using R3mes.Sidecar.Injector.Annotations;
using R3mes.Sidecar.Injector.Settings;

namespace R3mes.Sidecar.Injector.Pods;

/// <summary>
/// Checks the annotations as a whole (a template needs its secret, a Vault source needs a role and the injector's
/// Vault settings, a <c>file:</c> source needs one of the pod's own volumes of a harmless type, …) and turns them
/// into an <see cref="InjectionPlan"/>. Every problem names the annotation to fix.
/// </summary>
internal static class InjectionPlanner
{
    /// <summary>Volume types a <c>file:</c> source may read: pod-local data only, never a host path or a device.</summary>
    private static readonly string[] ReadableVolumeTypes = ["secret", "configMap", "projected", "downwardAPI", "emptyDir"];

    public static InjectionPlan? Plan(PodRequest request, IReadOnlyDictionary<string, JsonObject> volumes, InjectorSettings settings, List<AnnotationError> errors)
    {
        var prefix = AnnotationNames.Prefix;
        if (request.ConfigMap is not null && request.Files.Count > 0)
        {
            errors.Add(new AnnotationError(prefix + "config", "a ConfigMap configuration excludes secret-FILE annotations: use one or the other"));
        }
        else if (request.ConfigMap is null && request.Files.Count == 0)
        {
            errors.Add(new AnnotationError(AnnotationNames.Inject, "nothing to inject: add sidecar.r3mes.io/secret-FILE annotations or sidecar.r3mes.io/config"));
        }

        var usesVault = false;
        var fileVolumes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (file, wanted) in request.Files)
        {
            var secretKey = prefix + "secret-" + file;
            if (wanted.Source is not { } source)
            {
                if (wanted.Template is not null)
                {
                    errors.Add(new AnnotationError(prefix + "template-" + file, $"has no {secretKey} to take its fields from"));
                }

                if (wanted.Mode is not null)
                {
                    errors.Add(new AnnotationError(prefix + "mode-" + file, $"has no {secretKey}"));
                }

                continue;
            }

            if (wanted.Template is not null && source.Field is not null)
            {
                errors.Add(new AnnotationError(prefix + "template-" + file, $"a template and a '#{source.Field}' field in {secretKey} exclude each other: name the fields in the template"));
            }

            switch (source.Kind)
            {
                case SourceReference.Vault:
                    usesVault = true;
                    if (settings.Vault is null)
                    {
                        errors.Add(new AnnotationError(secretKey, "this injector has no Vault configured (its vault: settings); use aws:, kubernetes: or file:, or ask the cluster admin"));
                    }

                    break;
                case SourceReference.Aws when settings.AwsRegion is null:
                    errors.Add(new AnnotationError(secretKey, "this injector has no AWS region configured (its aws.region setting); ask the cluster admin"));
                    break;
                case SourceReference.File:
                    if (VolumeProblem(volumes, source.Volume) is { } problem)
                    {
                        errors.Add(new AnnotationError(secretKey, problem));
                    }
                    else
                    {
                        fileVolumes.Add(source.Volume);
                    }

                    break;
            }
        }

        if (usesVault && request.Role is null)
        {
            errors.Add(new AnnotationError(prefix + "role", "is required with Vault sources: the Vault Kubernetes-auth role, e.g. sidecar.r3mes.io/role: backend"));
        }

        var initOnly = request.InitOnly ?? false;
        if (initOnly && request.Reload is not null)
        {
            errors.Add(new AnnotationError(prefix + "reload", "has no effect with init-only: the files are written once, before the app starts"));
        }

        var share = request.ShareProcessNamespace ?? (request.Reload?.NeedsSharedProcessNamespace ?? false);
        if (request.ShareProcessNamespace == false && request.Reload?.NeedsSharedProcessNamespace == true)
        {
            errors.Add(new AnnotationError(prefix + "share-process-namespace", $"a signal reload ('{request.Reload.Text}') needs the shared process namespace"));
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var defaults = settings.Sidecar.Resources;
        var resources = new ResourceSettings(
            request.CpuRequest ?? defaults.CpuRequest,
            request.CpuLimit ?? defaults.CpuLimit,
            request.MemoryRequest ?? defaults.MemoryRequest,
            request.MemoryLimit ?? defaults.MemoryLimit);
        var layout = request.Layout ?? settings.Sidecar.Layout;
        var configJson = request.ConfigMap is null ? SidecarConfigJson.Write(request, settings, usesVault) : null;
        return new InjectionPlan(layout, initOnly, resources, share, configJson, request.ConfigMap, [.. fileVolumes],
            Effective(request, layout, initOnly, resources, share, usesVault));
    }

    private static string? VolumeProblem(IReadOnlyDictionary<string, JsonObject> volumes, string name)
    {
        if (!volumes.TryGetValue(name, out var definition) || name is SidecarPaths.SecretsVolume or SidecarPaths.StateVolume)
        {
            return $"the pod has no volume '{name}' (a file: source reads one of the pod's own volumes)";
        }

        var type = definition.Select(p => p.Key).FirstOrDefault(k => k != "name");
        return type is not null && ReadableVolumeTypes.Contains(type, StringComparer.Ordinal)
            ? null
            : $"volume '{name}' is of type '{type}'; a file: source reads only {string.Join(", ", ReadableVolumeTypes)} volumes";
    }

    private static SortedDictionary<string, string> Effective(PodRequest request, SidecarLayout layout, bool initOnly, ResourceSettings resources, bool share, bool usesVault)
    {
        var prefix = AnnotationNames.Prefix;
        var effective = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [prefix + "layout"] = LayoutNames.Name(layout),
            [prefix + "init-only"] = initOnly ? "true" : "false",
            [prefix + "share-process-namespace"] = share ? "true" : "false",
            [prefix + "cpu-request"] = resources.CpuRequest,
            [prefix + "memory-request"] = resources.MemoryRequest,
        };
        if (resources.CpuLimit is { } cpuLimit)
        {
            effective[prefix + "cpu-limit"] = cpuLimit;
        }

        if (resources.MemoryLimit is { } memoryLimit)
        {
            effective[prefix + "memory-limit"] = memoryLimit;
        }

        if (usesVault && request.Role is { } role)
        {
            effective[prefix + "role"] = role;
        }

        foreach (var (file, wanted) in request.Files)
        {
            effective[prefix + "mode-" + file] = wanted.Mode ?? SidecarConfigJson.DefaultMode;
        }

        effective[AnnotationNames.Status] = AnnotationNames.Injected;
        return effective;
    }
}
