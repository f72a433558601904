using System.Text;

namespace R3mes.Sidecar.Injector.Patching;

/// <summary>
/// RFC 6901 pointers: each reference token escapes <c>~</c> as <c>~0</c> first, then <c>/</c> as <c>~1</c>
/// (every annotation key under <c>sidecar.r3mes.io/</c> contains a <c>/</c>).
/// </summary>
internal static class JsonPointer
{
    public static string Escape(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    /// <summary>Joins raw (unescaped) tokens into a pointer: <c>Of("metadata", "annotations", "a/b")</c> → <c>/metadata/annotations/a~1b</c>.</summary>
    public static string Of(params ReadOnlySpan<string> tokens)
    {
        var pointer = new StringBuilder();
        foreach (var token in tokens)
        {
            pointer.Append('/').Append(Escape(token));
        }

        return pointer.ToString();
    }
}
