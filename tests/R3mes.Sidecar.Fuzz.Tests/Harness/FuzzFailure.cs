using System.Text;

namespace R3mes.Sidecar.Fuzz.Tests.Harness;

/// <summary>A case broke the property: names the target, the case (its seeds) and a printable prefix of the input.</summary>
internal sealed class FuzzFailure : Exception
{
    public FuzzFailure(IFuzzTarget target, FuzzCase fuzzCase, byte[] input, string problem)
        : base($"{target.Name}: {fuzzCase} ({input.Length} bytes): {problem}\ninput (escaped, first 600 bytes): {Printable(input)}")
    {
    }

    public FuzzFailure()
    {
    }

    public FuzzFailure(string message) : base(message)
    {
    }

    public FuzzFailure(string message, Exception innerException) : base(message, innerException)
    {
    }

    private static string Printable(byte[] input)
    {
        var text = new StringBuilder();
        foreach (var b in input.AsSpan(0, Math.Min(600, input.Length)))
        {
            text.Append(b is >= 0x20 and < 0x7f and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:x2}");
        }

        return text.ToString();
    }
}
