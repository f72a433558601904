namespace R3mes.Sidecar.Templates;

/// <summary>A piece of a parsed template: literal text or a hole.</summary>
internal abstract record TemplatePart;
