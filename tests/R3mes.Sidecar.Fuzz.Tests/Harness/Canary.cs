namespace R3mes.Sidecar.Fuzz.Tests.Harness;

/// <summary>
/// A marker planted in the secret values of fuzzed inputs: it must never appear in an error message (or any inner
/// exception's), the way consul-template CVE-2022-38149 printed secret values in template errors.
/// </summary>
internal static class Canary
{
    public const string Value = "CANARY-f3a91c7e";

    public static byte[] Utf8 { get; } = System.Text.Encoding.UTF8.GetBytes(Value);

    /// <summary>The messages of the exception and its inner exceptions, joined.</summary>
    public static string Messages(Exception error)
    {
        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }

    public static bool Leaks(Exception error) =>
        Messages(error).Contains(Value, StringComparison.Ordinal) || Messages(error).Contains("CANARY", StringComparison.OrdinalIgnoreCase);
}
