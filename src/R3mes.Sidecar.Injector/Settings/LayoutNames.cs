namespace R3mes.Sidecar.Injector.Settings;

/// <summary>The layout names used in settings and annotations: <c>native</c>, <c>classic</c>.</summary>
internal static class LayoutNames
{
    public static readonly string[] All = ["native", "classic"];

    public static bool TryParse(string text, out SidecarLayout layout)
    {
        layout = text switch
        {
            "native" => SidecarLayout.Native,
            "classic" => SidecarLayout.Classic,
            _ => (SidecarLayout)(-1),
        };
        return Enum.IsDefined(layout);
    }

    public static string Name(SidecarLayout layout) => layout == SidecarLayout.Native ? "native" : "classic";
}
