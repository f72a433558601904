using R3mes.Sidecar.Templates;

namespace R3mes.Sidecar.Injector.Annotations.Kinds;

/// <summary><c>template-FILE: "postgresql://{{ username | url }}@db/r3mes"</c>: the file is this template over the source's fields.</summary>
internal sealed class TemplateAnnotation : IAnnotationKind
{
    private const int MaxLength = 8192;

    public string Name => "template-";

    public bool PerFile => true;

    public string? Read(string file, string value, PodRequest request)
    {
        if (value.Length is 0 or > MaxLength)
        {
            return $"must be a template of 1 to {MaxLength} characters, e.g. \"{{{{ password }}}}\"";
        }

        try
        {
            SecretTemplate.Parse(value);
        }
        catch (TemplateException e)
        {
            return $"is not a valid template: {e.Message}";
        }

        request.File(file).Template = value;
        return null;
    }
}
