namespace R3mes.Secrets.Tests.TestSupport;

/// <summary>A fact that needs file permissions to be enforced, which they are not for root.</summary>
internal sealed class NotRootFactAttribute : FactAttribute
{
    public NotRootFactAttribute()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
            Skip = "file permissions are not enforced for root (or on Windows)";
    }
}
