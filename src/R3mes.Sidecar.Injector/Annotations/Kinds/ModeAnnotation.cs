using System.Text.RegularExpressions;

namespace R3mes.Sidecar.Injector.Annotations.Kinds;

/// <summary><c>mode-FILE: "0440"</c>: the file's mode (octal; never writable by group or others).</summary>
internal sealed partial class ModeAnnotation : IAnnotationKind
{
    public string Name => "mode-";

    public bool PerFile => true;

    public string? Read(string file, string value, PodRequest request)
    {
        if (!Octal().IsMatch(value))
        {
            return $"'{value}' is not an octal file mode such as \"0400\"";
        }

        var mode = Convert.ToInt32(value, 8);
        if ((mode & 0b000_010_010) != 0)
        {
            return $"'{value}' lets the group or others write the file; use e.g. \"0440\"";
        }

        request.File(file).Mode = "0" + Convert.ToString(mode, 8).PadLeft(3, '0');
        return null;
    }

    [GeneratedRegex("^0?[0-7]{3}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Octal();
}
