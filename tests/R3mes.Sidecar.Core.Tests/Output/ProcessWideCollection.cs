namespace R3mes.Sidecar.Core.Tests.Output;

/// <summary>Tests that change process-wide state (umask, environment) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCollection
{
    public const string Name = "process-wide state";
}
