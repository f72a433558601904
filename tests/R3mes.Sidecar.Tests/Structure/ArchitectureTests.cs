using System.Text.RegularExpressions;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Structure;

/// <summary>
/// The structure docs/ARCHITECTURE.md describes, checked against the tree (issue 13): every folder and path the
/// document names exists, only the composition roots ask a service provider, one default <see cref="Random"/>, no
/// sleeping in lifetime code, and the backends stand side by side.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly string[] Roots = ["src/", "tests/", "docs/", "bench/", "deploy/", "examples/"];

    [Fact]
    public void ArchitectureDocument_EveryPathAndFolderItNames_Exists()
    {
        var missing = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(RepositoryRoot.Path, "docs/ARCHITECTURE.md")))
        {
            var project = PartOf(line);
            foreach (Match token in Backticked().Matches(line))
            {
                var name = token.Groups[1].Value;
                if (name.Contains('<', StringComparison.Ordinal) || name.Contains(' ', StringComparison.Ordinal))
                {
                    continue; // a pattern such as Methods/<Name>/, not a path
                }

                if (name.StartsWith("…Core/", StringComparison.Ordinal))
                {
                    name = "src/R3mes.Sidecar.Core/" + name["…Core/".Length..];
                }

                if (Roots.Any(r => name.StartsWith(r, StringComparison.Ordinal)))
                {
                    if (!Exists(name))
                    {
                        missing.Add(name);
                    }
                }
                else if (project is not null && name.EndsWith('/') && !FolderUnder(project, name.TrimEnd('/')))
                {
                    missing.Add($"{project}: {name}");
                }
            }
        }

        Assert.True(missing.Count == 0, "docs/ARCHITECTURE.md names what the tree does not have:\n" + string.Join('\n', missing));
    }

    [Fact]
    public void ServiceProvider_IsAskedOnlyInTheCompositionRoots()
    {
        string[] roots =
        [
            "src/R3mes.Sidecar/Hosting/CompositionRoot.cs",
            "src/R3mes.Sidecar.Injector/Hosting/InjectorServer.cs",
            "src/R3mes.Secrets/DependencyInjection/R3mesSecretsServiceCollectionExtensions.cs",
            "src/R3mes.Secrets.Npgsql/RotatingDataSourceServiceCollectionExtensions.cs",
        ];

        var offenders = SourceFiles().Where(f => ServiceLocation().IsMatch(File.ReadAllText(f.Full)) && !roots.Contains(f.Relative)).Select(f => f.Relative).ToList();

        Assert.True(offenders.Count == 0, "asks an IServiceProvider outside a composition root: " + string.Join(", ", offenders));
    }

    [Fact]
    public void RandomShared_IsTheOneDefault_RegisteredOnce()
    {
        var uses = SourceFiles().SelectMany(f => File.ReadLines(f.Full).Where(l => l.Contains("Random.Shared", StringComparison.Ordinal)).Select(_ => f.Relative)).ToList();

        Assert.Equal(["src/R3mes.Sidecar.Core/SidecarServiceCollectionExtensions.cs"], uses);
    }

    [Theory]
    [InlineData("src/R3mes.Sidecar.Core/Lifetimes")]
    [InlineData("src/R3mes.Sidecar.Core/Pipeline")]
    [InlineData("src/R3mes.Sidecar.Vault/Auth")]
    [InlineData("src/R3mes.Sidecar.Vault/Leases")]
    [InlineData("src/R3mes.Sidecar.Vault/Pki")]
    [InlineData("src/R3mes.Sidecar.Kubernetes/Sources")]
    public void LifetimeCode_NeverSleeps(string folder)
    {
        Assert.True(Directory.Exists(Path.Combine(RepositoryRoot.Path, folder)), folder);
        var sleepers = SourceFiles().Where(f => f.Relative.StartsWith(folder + "/", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f.Full).Contains("Task.Delay", StringComparison.Ordinal)).Select(f => f.Relative).ToList();

        Assert.True(sleepers.Count == 0, "sleeps instead of scheduling on the LifetimeEngine: " + string.Join(", ", sleepers));
    }

    [Theory]
    [InlineData("src/R3mes.Sidecar.Vault/R3mes.Sidecar.Vault.csproj", "R3mes.Sidecar.Aws")]
    [InlineData("src/R3mes.Sidecar.Vault/R3mes.Sidecar.Vault.csproj", "R3mes.Sidecar.Kubernetes")]
    [InlineData("src/R3mes.Sidecar.Aws/R3mes.Sidecar.Aws.csproj", "R3mes.Sidecar.Vault")]
    [InlineData("src/R3mes.Sidecar.Aws/R3mes.Sidecar.Aws.csproj", "R3mes.Sidecar.Kubernetes")]
    [InlineData("src/R3mes.Sidecar.Kubernetes/R3mes.Sidecar.Kubernetes.csproj", "R3mes.Sidecar.Vault")]
    [InlineData("src/R3mes.Sidecar.Kubernetes/R3mes.Sidecar.Kubernetes.csproj", "R3mes.Sidecar.Aws")]
    public void Backends_StandSideBySide(string project, string other)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, project));

        Assert.DoesNotContain(other + "/" + other + ".csproj", text, StringComparison.Ordinal);
    }

    /// <summary>The project a table row describes (<c>| `src/R3mes.Sidecar.Vault` | …</c>), for its bare folder names.</summary>
    private static string? PartOf(string line)
    {
        var match = PartCell().Match(line);
        if (!match.Success)
        {
            return null;
        }

        var part = match.Groups[1].Value;
        return part.StartsWith("…Core/", StringComparison.Ordinal) ? "src/R3mes.Sidecar.Core/" + part["…Core/".Length..] : part;
    }

    private static bool Exists(string relative)
    {
        var full = Path.Combine(RepositoryRoot.Path, relative);
        return File.Exists(full) || Directory.Exists(full);
    }

    private static bool FolderUnder(string project, string folder)
    {
        var root = Path.Combine(RepositoryRoot.Path, project);
        return Directory.Exists(root) && Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)
            .Any(d => !d.Contains("/obj/", StringComparison.Ordinal) && !d.Contains("/bin/", StringComparison.Ordinal)
                && d.EndsWith("/" + folder, StringComparison.Ordinal));
    }

    private static IEnumerable<(string Full, string Relative)> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(RepositoryRoot.Path, f)))
            .Where(f => !f.Relative.Contains("/obj/", StringComparison.Ordinal) && !f.Relative.Contains("/bin/", StringComparison.Ordinal));

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"^\| `([^`]+)` \|")]
    private static partial Regex PartCell();

    [GeneratedRegex(@"\bGet(Required)?Service\b")]
    private static partial Regex ServiceLocation();
}
