using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Templates;

namespace R3mes.Sidecar.Core.Tests.Pipeline;

/// <summary>Plan records for pipeline tests.</summary>
internal static class Specs
{
    public static readonly UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>A plan that writes <paramref name="secrets"/> into <paramref name="outputDirectory"/>, with no actions.</summary>
    public static SidecarPlan Plan(string outputDirectory, params SecretSpec[] secrets) =>
        new(
            new OutputSpec(outputDirectory, Mode600, null, null, false),
            secrets,
            new Dictionary<string, ActionSpec>(),
            new ExecSpec(ChildChangePolicy.Reload, 1, TimeSpan.FromSeconds(10)),
            null,
            null,
            TimeSpan.FromMinutes(2),
            LogSpec.Default);

    public static SecretSpec Secret(ISecretSource source, IReadOnlyList<FileSpec> files, string? key = null, UpdatePolicy update = UpdatePolicy.Always, string name = "app") =>
        new(name, source, key, files, [], update, true, TimeSpan.FromSeconds(1));

    public static FileSpec Template(string name, string template) => new(name, new FileContent(SecretTemplate.Parse(template), null, false), Mode600, null, null);

    public static FileSpec Field(string name, string? field, bool base64Decode = false) => new(name, new FileContent(null, field, base64Decode), Mode600, null, null);
}
