using System.Text;

namespace R3mes.Secrets.Reading;

/// <summary>Turns secret bytes into text without ever putting the bytes in an exception message.</summary>
internal static class SecretText
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Removes one trailing <c>\n</c> or <c>\r\n</c>, as editors and <c>echo</c> leave in <c>.txt</c> files.</summary>
    public static byte[] TrimTrailingNewline(byte[] value)
    {
        var span = value.AsSpan();
        if (!span.EndsWith("\n"u8))
            return value;
        span = span[..^1];
        if (span.EndsWith("\r"u8))
            span = span[..^1];
        return span.ToArray();
    }

    /// <summary>Decodes strict UTF-8, skipping a byte order mark; false when the bytes are not UTF-8 text.</summary>
    public static bool TryDecode(byte[] value, out string text)
    {
        var span = value.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
            span = span[3..];
        try
        {
            text = StrictUtf8.GetString(span);
            return true;
        }
        catch (DecoderFallbackException)
        {
            // The exception's message quotes the offending bytes: it must not travel.
            text = "";
            return false;
        }
    }
}
