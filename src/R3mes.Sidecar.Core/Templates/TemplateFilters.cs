using System.Buffers.Text;
using System.Text;
using System.Text.Encodings.Web;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Templates;

/// <summary>Applies filters to secret bytes. Errors name the field and filter only.</summary>
internal static class TemplateFilters
{
    public static readonly IReadOnlyDictionary<string, TemplateFilter> ByName =
        new Dictionary<string, TemplateFilter>(StringComparer.Ordinal)
        {
            ["url"] = TemplateFilter.Url,
            ["base64"] = TemplateFilter.Base64,
            ["base64decode"] = TemplateFilter.Base64Decode,
            ["json"] = TemplateFilter.Json,
            ["trim"] = TemplateFilter.Trim,
        };

    public static byte[] Apply(TemplateFilter filter, byte[] input, string field) => filter switch
    {
        TemplateFilter.Url => Encoding.UTF8.GetBytes(Uri.EscapeDataString(Utf8(input, field, filter))),
        TemplateFilter.Base64 => Encoding.ASCII.GetBytes(Convert.ToBase64String(input)),
        TemplateFilter.Base64Decode => DecodeBase64(input, field),
        TemplateFilter.Json => Encoding.UTF8.GetBytes(JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(Utf8(input, field, filter))),
        TemplateFilter.Trim => input.AsSpan().Trim(" \t\r\n"u8).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(filter)),
    };

    public static byte[] DecodeBase64(ReadOnlySpan<byte> input, string what)
    {
        var trimmed = input.Trim(" \t\r\n"u8);
        var output = new byte[Base64.GetMaxDecodedFromUtf8Length(trimmed.Length)];
        var status = Base64.DecodeFromUtf8(trimmed, output, out _, out var written);
        return status == System.Buffers.OperationStatus.Done
            ? output[..written]
            : throw new SecretFormatException($"{what} is not valid base64");
    }

    private static string Utf8(byte[] input, string field, TemplateFilter filter)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(input);
        }
        catch (DecoderFallbackException)
        {
            throw new SecretFormatException($"field '{field}' is not UTF-8 text, so filter '{filter.ToString().ToLowerInvariant()}' cannot apply");
        }
    }
}
