using System.Text;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// The shapes in which a leaked secret could appear in output: as is, URL-encoded or decoded, without dashes, its
/// distinctive middle (a message may cut or quote part of it), and base64 at each of the three alignments inside a
/// longer encoded text (without the edge groups).
/// </summary>
internal static class Canary
{
    public static IEnumerable<string> Forms(string canary)
    {
        ArgumentNullException.ThrowIfNull(canary);
        yield return canary;
        yield return Uri.EscapeDataString(canary);
        yield return Uri.UnescapeDataString(canary);
        yield return canary.Replace("-", "", StringComparison.Ordinal);
        yield return canary.StartsWith("CANARY-", StringComparison.Ordinal)
            ? canary["CANARY-".Length..]
            : canary[(canary.Length / 4)..(canary.Length * 3 / 4)];
        var bytes = Encoding.UTF8.GetBytes(canary);
        for (var pad = 0; pad < 3; pad++)
        {
            var encoded = Convert.ToBase64String([.. new byte[pad], .. bytes]);
            yield return encoded[(pad == 0 ? 0 : 4)..^4];
        }
    }

    /// <summary>Asserts that no form of any canary occurs in <paramref name="text"/>.</summary>
    public static void AssertAbsent(IEnumerable<string> canaries, string text) =>
        Assert.All(canaries.SelectMany(Forms).Distinct(), form => Assert.DoesNotContain(form, text, StringComparison.Ordinal));
}
