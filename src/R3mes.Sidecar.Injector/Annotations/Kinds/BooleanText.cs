namespace R3mes.Sidecar.Injector.Annotations.Kinds;

/// <summary>Annotation booleans are the strings <c>"true"</c> and <c>"false"</c>, nothing else.</summary>
internal static class BooleanText
{
    public static bool? Parse(string value) => value switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    public const string Problem = "must be \"true\" or \"false\"";
}
