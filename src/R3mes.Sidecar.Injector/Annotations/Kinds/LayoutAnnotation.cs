using R3mes.Sidecar.Injector.Settings;

namespace R3mes.Sidecar.Injector.Annotations.Kinds;

/// <summary><c>layout: native | classic</c>: overrides the injector's default sidecar layout for this pod.</summary>
internal sealed class LayoutAnnotation : IAnnotationKind
{
    public string Name => "layout";

    public bool PerFile => false;

    public string? Read(string file, string value, PodRequest request)
    {
        if (!LayoutNames.TryParse(value, out var layout))
        {
            return $"'{value}' is not a layout (known: {string.Join(", ", LayoutNames.All)})";
        }

        request.Layout = layout;
        return null;
    }
}
