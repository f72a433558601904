using System.Text;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// The shapes a seeded secret value can take in output: as it is, percent-encoded, and base64 (whole, and at each of
/// the three alignments inside a longer text). One list for both canary harnesses (the process harness here and the
/// injector's, which links this file).
/// </summary>
internal static class CanaryForms
{
    public static IEnumerable<string> Of(string value)
    {
        yield return value;
        yield return Uri.EscapeDataString(value);
        var bytes = Encoding.UTF8.GetBytes(value);
        for (var pad = 0; pad < 3; pad++)
        {
            var encoded = Convert.ToBase64String([.. new byte[pad], .. bytes]);
            yield return encoded[(pad == 0 ? 0 : 4)..^4];
        }
    }
}
