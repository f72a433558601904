namespace R3mes.Sidecar.Injector.Annotations;

/// <summary>One output file's annotations: <c>secret-</c>, <c>template-</c>, <c>mode-</c> with the file's name.</summary>
internal sealed class FileRequest
{
    public SourceReference? Source { get; set; }

    public string? Template { get; set; }

    public string? Mode { get; set; }
}
