using System.Text;

namespace R3mes.Sidecar.Fuzz.Tests.Targets;

internal static class Utf8Input
{
    public static byte[][] All(params string[] texts) => [.. texts.Select(Encoding.UTF8.GetBytes)];

    public static string Text(byte[] input) => Encoding.UTF8.GetString(input);
}
