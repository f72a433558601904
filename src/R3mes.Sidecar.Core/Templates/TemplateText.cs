namespace R3mes.Sidecar.Templates;

/// <summary>Literal template text, kept as UTF-8.</summary>
internal sealed record TemplateText(byte[] Utf8) : TemplatePart;
