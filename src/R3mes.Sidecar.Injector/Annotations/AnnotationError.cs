namespace R3mes.Sidecar.Injector.Annotations;

/// <summary>A refused annotation: its full key and why (never more of the value than the user wrote).</summary>
internal sealed record AnnotationError(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}
