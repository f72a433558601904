namespace R3mes.Sidecar.Core.Tests.Output;

internal static class Octal
{
    /// <summary><c>Octal.Mode("640")</c>: permission bits as operators write them.</summary>
    public static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

    /// <summary>chmod(1), so tests need no platform-specific .NET API.</summary>
    public static void Chmod(string path, string octal) => Tool.Run("/usr/bin/chmod", octal, path);
}
