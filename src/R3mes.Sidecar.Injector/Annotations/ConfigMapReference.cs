namespace R3mes.Sidecar.Injector.Annotations;

/// <summary><c>config: NAME[#KEY]</c>: a ConfigMap in the pod's namespace holding a whole sidecar configuration.</summary>
internal sealed record ConfigMapReference(string Name, string Key)
{
    public const string DefaultKey = "sidecar.yaml";

    public override string ToString() => Key == DefaultKey ? Name : $"{Name}#{Key}";
}
