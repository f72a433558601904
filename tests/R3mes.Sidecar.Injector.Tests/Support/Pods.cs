using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Injector.Tests.Support;

/// <summary>
/// Realistic pods as a controller creates them: <c>generateName</c> and no <c>name</c>, no <c>metadata.namespace</c>,
/// the service-account projected volume, several containers, existing init containers and volumes.
/// </summary>
internal static class Pods
{
    public const string Prefix = "sidecar.r3mes.io/";

    /// <summary>A Deployment's pod: backend + nginx + a log shipper, a migration init container, config and token volumes.</summary>
    public static JsonObject Backend(params (string Key, string Value)[] annotations)
    {
        var pod = JsonNode.Parse("""
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "generateName": "backend-7d9f8c6b5d-",
            "labels": { "app.kubernetes.io/name": "backend", "pod-template-hash": "7d9f8c6b5d" },
            "annotations": { "kubectl.kubernetes.io/restartedAt": "2026-11-30T10:00:00Z", "example.com/owner": "team-a/backend" },
            "ownerReferences": [ { "apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "backend-7d9f8c6b5d", "uid": "0d7c3b2a-1f4e-4b6a-9c8d-2e5f6a7b8c9d", "controller": true, "blockOwnerDeletion": true } ]
          },
          "spec": {
            "serviceAccountName": "backend",
            "securityContext": { "runAsUser": 1000, "runAsGroup": 1000, "fsGroup": 1000 },
            "initContainers": [
              { "name": "migrate", "image": "registry.r3mes.io/backend:1.4.2", "args": ["migrate"],
                "volumeMounts": [ { "name": "config", "mountPath": "/etc/backend" } ] }
            ],
            "containers": [
              { "name": "backend", "image": "registry.r3mes.io/backend:1.4.2", "ports": [ { "containerPort": 8080, "name": "http" } ],
                "volumeMounts": [ { "name": "config", "mountPath": "/etc/backend", "readOnly": true },
                                  { "name": "kube-api-access-x7k2p", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true } ],
                "resources": { "requests": { "cpu": "100m", "memory": "256Mi" }, "limits": { "memory": "512Mi" } } },
              { "name": "nginx", "image": "nginxinc/nginx-unprivileged:1.27", "ports": [ { "containerPort": 8443 } ] },
              { "name": "log-shipper", "image": "fluent/fluent-bit:3.1", "volumeMounts": [] }
            ],
            "volumes": [
              { "name": "config", "configMap": { "name": "backend-config" } },
              { "name": "tls-source", "secret": { "secretName": "backend-tls" } },
              { "name": "host-logs", "hostPath": { "path": "/var/log" } },
              { "name": "kube-api-access-x7k2p", "projected": { "sources": [ { "serviceAccountToken": { "expirationSeconds": 3607, "path": "token" } } ] } }
            ],
            "restartPolicy": "Always",
            "terminationGracePeriodSeconds": 30
          }
        }
        """)!.AsObject();
        Annotate(pod, annotations);
        return pod;
    }

    /// <summary>A Job's pod: one container, <c>restartPolicy: Never</c>, no init containers, no volumes.</summary>
    public static JsonObject Job(params (string Key, string Value)[] annotations)
    {
        var pod = JsonNode.Parse("""
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {
            "generateName": "report-29012345-",
            "labels": { "batch.kubernetes.io/job-name": "report-29012345", "job-name": "report-29012345" }
          },
          "spec": {
            "restartPolicy": "Never",
            "containers": [ { "name": "report", "image": "registry.r3mes.io/report:2.0.0", "command": ["/app/report", "--daily"] } ]
          }
        }
        """)!.AsObject();
        Annotate(pod, annotations);
        return pod;
    }

    public static (string, string) A(string name, string value) => (Prefix + name, value);

    private static void Annotate(JsonObject pod, (string Key, string Value)[] annotations)
    {
        var metadata = pod["metadata"]!.AsObject();
        var map = metadata["annotations"] as JsonObject ?? new JsonObject();
        metadata["annotations"] = map;
        foreach (var (key, value) in annotations)
        {
            map[key] = value;
        }
    }
}
