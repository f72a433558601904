using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Sources;
using R3mes.Sidecar.Templates;

namespace R3mes.Sidecar.Core.Tests.Pipeline;

/// <summary>Plan records for pipeline tests.</summary>
internal static class Specs
{
    public static readonly UnixFileMode Mode600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static SecretSpec Secret(ISecretSource source, IReadOnlyList<FileSpec> files, string? key = null, UpdatePolicy update = UpdatePolicy.Always, string name = "app") =>
        new(name, source, key, files, [], update, true, TimeSpan.FromSeconds(1));

    public static FileSpec Template(string name, string template) => new(name, new FileContent(SecretTemplate.Parse(template), null, false), Mode600, null, null);

    public static FileSpec Field(string name, string? field, bool base64Decode = false) => new(name, new FileContent(null, field, base64Decode), Mode600, null, null);
}
