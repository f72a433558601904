using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Core.Tests.Pipeline;

public sealed class StatusBoardTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    [Fact]
    public void IsReady_RequiredSecretNotRendered_WaitsForIt()
    {
        var board = new StatusBoard(_time);
        board.Track(Specs.Secret(new FakeSecretSource(), [], name: "postgres"));
        board.Track(new SecretSpec("optional", new FakeSecretSource(), null, [], [], UpdatePolicy.Always, false, TimeSpan.FromSeconds(1)));

        Assert.False(board.IsReady(out var waiting));
        Assert.Equal(["postgres"], waiting);
    }

    [Fact]
    public void Succeeded_AfterFailure_ReadyAndErrorCleared()
    {
        var board = new StatusBoard(_time);
        board.Track(Specs.Secret(new FakeSecretSource(), [], name: "postgres"));
        board.Failed("postgres", "backend unreachable");
        _time.Advance(TimeSpan.FromMinutes(1));

        board.Succeeded("postgres", null);

        Assert.True(board.IsReady(out _));
        var status = Assert.Single(board.Snapshot());
        Assert.Null(status.LastError);
        Assert.Equal(_time.GetUtcNow(), status.LastSuccess);
    }

    [Fact]
    public void Failed_AfterSuccess_StillRenderedWithError()
    {
        var board = new StatusBoard(_time);
        board.Succeeded("postgres", null);

        board.Failed("postgres", "backend unreachable");

        var status = Assert.Single(board.Snapshot());
        Assert.True(status.Rendered);
        Assert.Equal("backend unreachable", status.LastError);
    }

    [Fact]
    public void NextGeneration_PerFile_Counts()
    {
        var board = new StatusBoard(_time);

        Assert.Equal([1L, 2L, 1L, 3L], new[] { board.NextGeneration("a"), board.NextGeneration("a"), board.NextGeneration("b"), board.NextGeneration("a") });
    }
}
