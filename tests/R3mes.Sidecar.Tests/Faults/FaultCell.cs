using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// One cell of the fault matrix, running: a <c>run</c> sidecar that has rendered secret <see cref="Secret"/>'s files
/// with their first values, its endpoints, and how to publish the next values at the source. <see cref="OnceConfig"/>
/// is the same secret for a <c>once</c> run with a 3 s <c>retry_budget</c> (exit behaviour under the same fault).
/// </summary>
internal sealed class FaultCell : IDisposable
{
    public const string Secret = "app";

    public required TempWorkspace Workspace { get; init; }

    public required SidecarProcess Run { get; init; }

    public required LocalEndpoints Endpoints { get; init; }

    /// <summary>The backend the secret comes from, as <c>/status</c> and the metrics name it.</summary>
    public required string Backend { get; init; }

    /// <summary>Output file name → the value it was first rendered with.</summary>
    public required IReadOnlyDictionary<string, string> First { get; init; }

    /// <summary>Output file name → the value <see cref="PublishAsync"/> puts at the source.</summary>
    public required IReadOnlyDictionary<string, string> Next { get; init; }

    /// <summary>Puts <see cref="Next"/> at the source (Vault KV, the source directory).</summary>
    public required Func<Task> PublishAsync { get; init; }

    public required string OnceConfig { get; init; }

    /// <summary>Variables the <c>once</c> run needs as the <c>run</c> did (AWS credentials and endpoint), or none.</summary>
    public IReadOnlyDictionary<string, string?>? OnceEnvironment { get; init; }

    /// <summary>Where the <c>once</c> run writes (nothing, under a backend fault).</summary>
    public required string OnceOutput { get; init; }

    public string Describe() => Run.Transcript;

    public void Dispose() => Run.Dispose();

    public IReadOnlyDictionary<string, string> Paths(IReadOnlyDictionary<string, string> values) =>
        values.ToDictionary(v => Workspace.OutputFile(v.Key), v => v.Value, StringComparer.Ordinal);

    public bool Holds(IReadOnlyDictionary<string, string> values) =>
        values.All(v => File.Exists(Workspace.OutputFile(v.Key)) && Workspace.ReadOutput(v.Key) == v.Value);
}
