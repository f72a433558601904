using System.Text.Json.Nodes;
using R3mes.Sidecar.Injector.Settings;

namespace R3mes.Sidecar.Injector.Pods;

/// <summary>
/// Builds the sidecar containers: image and pull policy from the injector's settings, a hardened security context
/// (non-root, read-only root filesystem, no capabilities, no privilege escalation, seccomp RuntimeDefault), the
/// configuration in an environment variable, and mounts of the pod's own volumes only.
/// </summary>
internal static class SidecarContainers
{
    /// <summary>The native sidecar: an init container that keeps running, started once its startup probe passes.</summary>
    public static JsonObject Native(InjectionPlan plan, SidecarDefaults sidecar, long uid)
    {
        var container = Base(SidecarPaths.SidecarContainer, "run", plan, sidecar, uid);
        container["restartPolicy"] = "Always";
        container["startupProbe"] = Probe("/readyz", sidecar.Port, periodSeconds: 1, failureThreshold: 600);
        container["livenessProbe"] = Probe("/healthz", sidecar.Port, periodSeconds: 10, failureThreshold: 3);
        return container;
    }

    /// <summary>The classic layout's long-running container (after a <see cref="Once"/> init container).</summary>
    public static JsonObject Classic(InjectionPlan plan, SidecarDefaults sidecar, long uid)
    {
        var container = Base(SidecarPaths.SidecarContainer, "run", plan, sidecar, uid);
        container["readinessProbe"] = Probe("/readyz", sidecar.Port, periodSeconds: 5, failureThreshold: 1);
        container["livenessProbe"] = Probe("/healthz", sidecar.Port, periodSeconds: 10, failureThreshold: 3);
        return container;
    }

    /// <summary>A plain init container that renders every file once and exits (classic layout, <c>init-only</c>).</summary>
    public static JsonObject Once(InjectionPlan plan, SidecarDefaults sidecar, long uid) =>
        Base(SidecarPaths.InitContainer, "once", plan, sidecar, uid);

    private static JsonObject Base(string name, string command, InjectionPlan plan, SidecarDefaults sidecar, long uid)
    {
        var mounts = new JsonArray(
            Mount(SidecarPaths.SecretsVolume, SidecarPaths.SecretsMount, readOnly: false),
            Mount(SidecarPaths.StateVolume, SidecarPaths.StateMount, readOnly: false));
        foreach (var volume in plan.FileVolumes)
        {
            mounts.Add((JsonNode)Mount(volume, $"{sidecar.FileSourcesDir}/{volume}", readOnly: true));
        }

        var requests = new JsonObject { ["cpu"] = plan.Resources.CpuRequest, ["memory"] = plan.Resources.MemoryRequest };
        var limits = new JsonObject();
        if (plan.Resources.CpuLimit is { } cpu)
        {
            limits["cpu"] = cpu;
        }

        if (plan.Resources.MemoryLimit is { } memory)
        {
            limits["memory"] = memory;
        }

        var resources = new JsonObject { ["requests"] = requests };
        if (limits.Count > 0)
        {
            resources["limits"] = limits;
        }

        return new JsonObject
        {
            ["name"] = name,
            ["image"] = sidecar.Image,
            ["imagePullPolicy"] = sidecar.PullPolicy,
            ["args"] = new JsonArray(command),
            ["env"] = Environment(plan, sidecar),
            ["resources"] = resources,
            ["securityContext"] = new JsonObject
            {
                ["runAsNonRoot"] = true,
                ["runAsUser"] = uid,
                ["allowPrivilegeEscalation"] = false,
                ["readOnlyRootFilesystem"] = true,
                ["capabilities"] = new JsonObject { ["drop"] = new JsonArray("ALL") },
                ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" },
            },
            ["volumeMounts"] = mounts,
        };
    }

    private static JsonArray Environment(InjectionPlan plan, SidecarDefaults sidecar)
    {
        if (plan.ConfigMap is { } configMap)
        {
            // The ConfigMap is the user's whole configuration; the paths and listener the pod layout depends on
            // are pinned by environment overrides, which win over the configuration's own keys.
            return new JsonArray(
                new JsonObject
                {
                    ["name"] = SidecarPaths.ConfigVariable,
                    ["valueFrom"] = new JsonObject { ["configMapKeyRef"] = new JsonObject { ["name"] = configMap.Name, ["key"] = configMap.Key } },
                },
                Variable("R3MES_SIDECAR__output__dir", SidecarPaths.SecretsMount),
                Variable("R3MES_SIDECAR__state_dir", SidecarPaths.StateDir),
                Variable("R3MES_SIDECAR__listen", $"0.0.0.0:{sidecar.Port}"));
        }

        return new JsonArray(Variable(SidecarPaths.ConfigVariable, plan.ConfigJson!));
    }

    private static JsonObject Variable(string name, string value) => new() { ["name"] = name, ["value"] = value };

    private static JsonObject Mount(string volume, string path, bool readOnly)
    {
        var mount = new JsonObject { ["name"] = volume, ["mountPath"] = path };
        if (readOnly)
        {
            mount["readOnly"] = true;
        }

        return mount;
    }

    private static JsonObject Probe(string path, int port, int periodSeconds, int failureThreshold) => new()
    {
        ["httpGet"] = new JsonObject { ["path"] = path, ["port"] = port },
        ["periodSeconds"] = periodSeconds,
        ["failureThreshold"] = failureThreshold,
        ["timeoutSeconds"] = 1,
    };
}
