namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// Where the <c>r3mes-sidecar</c> under test is: <c>R3MES_SIDECAR_BINARY</c> when set (CI points it at the
/// NativeAOT-published binary), else the apphost the project reference copies next to this test assembly.
/// </summary>
internal static class SidecarBinary
{
    public const string EnvironmentVariable = "R3MES_SIDECAR_BINARY";

    private static readonly Lazy<string> Resolved = new(Resolve);

    public static string Path => Resolved.Value;

    private static string Resolve()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var path = string.IsNullOrEmpty(configured)
            ? System.IO.Path.Combine(AppContext.BaseDirectory, "r3mes-sidecar")
            : System.IO.Path.GetFullPath(configured);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"r3mes-sidecar not found at {path}: build src/R3mes.Sidecar, or set {EnvironmentVariable} to the binary to test", path);
        }

        return path;
    }
}
