namespace R3mes.Secrets.Tests.TestSupport;

/// <summary>How long a test waits for something that should happen promptly.</summary>
internal static class Deadline
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);
}
