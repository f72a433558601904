using R3mes.Sidecar.Templates;

namespace R3mes.Sidecar.Plan;

/// <summary>
/// How a file's bytes are made from a secret: a template over its fields, one named field, or the whole value;
/// optionally base64-decoded afterwards.
/// </summary>
public sealed record FileContent(SecretTemplate? Template, string? Field, bool Base64Decode)
{
    public string Describe() =>
        (Template is not null ? $"template over {string.Join(", ", Template.Fields)}"
            : Field is not null ? $"field '{Field}'"
            : "whole value") + (Base64Decode ? ", base64-decoded" : "");
}
