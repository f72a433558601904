namespace R3mes.Sidecar.Fuzz.Tests.Targets;

/// <summary>Files of this repository (the example configurations), found from the test assembly's directory.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "R3mes.Sidecar.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("R3mes.Sidecar.sln not found above " + AppContext.BaseDirectory);
    }
}
