namespace R3mes.Sidecar.Templates;

/// <summary><c>{{ field | filter … }}</c>: a field of the secret passed through filters, left to right.</summary>
internal sealed record TemplateHole(string Field, IReadOnlyList<TemplateFilter> Filters) : TemplatePart;
