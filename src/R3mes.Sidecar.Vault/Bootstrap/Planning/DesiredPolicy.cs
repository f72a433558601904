namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>An ACL policy (<c>sys/policies/acl/&lt;name&gt;</c>) and its HCL text.</summary>
internal sealed record DesiredPolicy(string Name, string Text)
{
    public string Path => $"sys/policies/acl/{Name}";
}
