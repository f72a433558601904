using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Injector.Tests.Support;

/// <summary>AdmissionReview request bodies as the API server sends them for a pod CREATE.</summary>
internal static class Review
{
    public static string For(JsonObject pod, string @namespace = "team-a", string operation = "CREATE", string uid = "705ab4f5-6393-11e8-b7cc-42010a800002") =>
        new JsonObject
        {
            ["apiVersion"] = "admission.k8s.io/v1",
            ["kind"] = "AdmissionReview",
            ["request"] = new JsonObject
            {
                ["uid"] = uid,
                ["kind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
                ["resource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
                ["requestKind"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["kind"] = "Pod" },
                ["requestResource"] = new JsonObject { ["group"] = "", ["version"] = "v1", ["resource"] = "pods" },
                ["namespace"] = @namespace,
                ["operation"] = operation,
                ["userInfo"] = new JsonObject
                {
                    ["username"] = "system:serviceaccount:kube-system:replicaset-controller",
                    ["uid"] = "5b1b6f5e-0a30-4a6c-9d3e-7e1f0a0d2b11",
                    ["groups"] = new JsonArray("system:serviceaccounts", "system:serviceaccounts:kube-system", "system:authenticated"),
                },
                ["object"] = pod.DeepClone(),
                ["oldObject"] = null,
                ["dryRun"] = false,
                ["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = "CreateOptions" },
            },
        }.ToJsonString();
}
