namespace R3mes.Sidecar.Injector.Annotations;

/// <summary>The annotation prefix and the names the injector itself sets.</summary>
internal static class AnnotationNames
{
    public const string Prefix = "sidecar.r3mes.io/";
    public const string Inject = Prefix + "inject";
    public const string Status = Prefix + "status";
    public const string Injected = "injected";
}
