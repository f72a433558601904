namespace R3mes.Sidecar.Templates;

/// <summary>A template's text is malformed. Templates are configuration, not secrets: the message may quote them.</summary>
public sealed class TemplateException : Exception
{
    public TemplateException(string message) : base(message)
    {
    }

    public TemplateException()
    {
    }

    public TemplateException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
