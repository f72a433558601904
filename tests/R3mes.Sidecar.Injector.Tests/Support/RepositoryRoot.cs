namespace R3mes.Sidecar.Injector.Tests.Support;

/// <summary>The checkout the tests run from (the directory holding <c>R3mes.Sidecar.sln</c>).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "R3mes.Sidecar.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"no R3mes.Sidecar.sln above {AppContext.BaseDirectory}");
    }
}
