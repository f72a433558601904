namespace R3mes.Sidecar.Cli;

/// <summary>The one line every non-zero exit prints: what failed and what to do.</summary>
internal static class Fail
{
    public static int With(int code, string message)
    {
        Console.Error.WriteLine($"r3mes-sidecar: {message}");
        return code;
    }
}
