namespace R3mes.Sidecar.Templates;

/// <summary>The filters a template hole may apply.</summary>
public enum TemplateFilter
{
    /// <summary>Percent-encodes for a URL component (user info, path, query): <c>p@ss</c> → <c>p%40ss</c>.</summary>
    Url,

    /// <summary>Standard base64 encoding.</summary>
    Base64,

    /// <summary>Decodes standard base64.</summary>
    Base64Decode,

    /// <summary>Escapes for use inside a JSON string (quotes not added).</summary>
    Json,

    /// <summary>Removes leading and trailing whitespace.</summary>
    Trim,
}
