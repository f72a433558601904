using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Emulator;

/// <summary>A KV v2 secret's versions (v1 mounts keep only one version and no metadata).</summary>
public sealed class KvSecret
{
    public List<KvVersion> Versions { get; } = [];

    public int CurrentVersion => Versions.Count;
}

/// <summary>One KV version: its data (null once destroyed), creation and deletion times.</summary>
public sealed class KvVersion
{
    public required JsonObject? Data { get; set; }

    public required DateTimeOffset Created { get; init; }

    public DateTimeOffset? Deleted { get; set; }

    public bool Destroyed { get; set; }
}
