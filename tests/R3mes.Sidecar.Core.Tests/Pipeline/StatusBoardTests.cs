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
    public void IsReady_BackendDownAfterRender_StaysReadyAndBackendReportedDown()
    {
        var board = new StatusBoard(_time);
        board.Track(Specs.Secret(new FakeSecretSource(), [], name: "app"));
        board.Succeeded("app", null);

        board.SetComponent("vault", "login failed: connection refused");
        board.Failed("app", "connection refused");

        Assert.True(board.IsReady(out var waiting));
        Assert.Empty(waiting);
        var vault = Assert.Single(board.Backends(), b => b.Name == "vault");
        Assert.False(vault.Up);
        Assert.Equal("login failed: connection refused", vault.LastError);
        Assert.Equal(SecretState.Stale, Assert.Single(board.Snapshot()).State(_time.GetUtcNow()));
    }

    [Fact]
    public void IsReady_RenderedValuePassesItsExpiry_NotReadyNamingItAsExpired()
    {
        var board = new StatusBoard(_time);
        board.Track(Specs.Secret(new FakeSecretSource(), [], name: "tls"));
        board.Succeeded("tls", _time.GetUtcNow().AddSeconds(30));
        board.Failed("tls", "vault unreachable");

        _time.Advance(TimeSpan.FromSeconds(29));
        var readyBefore = board.IsReady(out _);
        _time.Advance(TimeSpan.FromSeconds(1));
        var readyAfter = board.IsReady(out var waiting);

        Assert.True(readyBefore);
        Assert.False(readyAfter);
        Assert.Equal(["tls (expired 2026-01-02T03:04:35Z)"], waiting);
        Assert.Equal(SecretState.Expired, Assert.Single(board.Snapshot()).State(_time.GetUtcNow()));
    }

    [Fact]
    public void IsReady_OptionalSecretExpired_StillReady()
    {
        var board = new StatusBoard(_time);
        board.Track(new SecretSpec("extra", new FakeSecretSource(), null, [], [], UpdatePolicy.Always, false, TimeSpan.FromSeconds(1)));
        board.Succeeded("extra", _time.GetUtcNow().AddSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.True(board.IsReady(out _));
    }

    [Fact]
    public void IsReady_ExpiredValueRenewed_ReadyAgain()
    {
        var board = new StatusBoard(_time);
        board.Track(Specs.Secret(new FakeSecretSource(), [], name: "postgres"));
        board.Succeeded("postgres", _time.GetUtcNow().AddSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.False(board.IsReady(out _));

        board.Succeeded("postgres", _time.GetUtcNow().AddSeconds(10));

        Assert.True(board.IsReady(out _));
    }

    [Fact]
    public void State_FromPendingThroughFailingToOk_AndSucceededReturnsTheFailuresItEnds()
    {
        var board = new StatusBoard(_time);
        board.Track(Specs.Secret(new FakeSecretSource(), [], name: "app"));
        var pending = board.Snapshot()[0].State(_time.GetUtcNow());
        board.Failed("app", "one");
        var failedAt = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(3));
        board.Failed("app", "two");
        var failing = board.Snapshot()[0];

        var before = board.Succeeded("app", null);

        Assert.Equal(SecretState.Pending, pending);
        Assert.Equal(SecretState.Failing, failing.State(_time.GetUtcNow()));
        Assert.Equal(("two", 2, failedAt), (failing.LastError, failing.Failures, failing.FailingSince!.Value));
        Assert.Equal(2, before.Failures);
        var now = board.Snapshot()[0];
        Assert.Equal((SecretState.Ok, 0, (DateTimeOffset?)null), (now.State(_time.GetUtcNow()), now.Failures, now.FailingSince));
        Assert.Equal("fake", now.Backend);
    }

    [Fact]
    public void SetComponent_BackAndForth_SinceMovesOnlyWhenUpChanges()
    {
        var board = new StatusBoard(_time);
        board.SetComponent("vault", "unreachable");
        var downAt = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromSeconds(5));
        board.SetComponent("vault", "still unreachable");
        var stillDown = Assert.Single(board.Backends());
        _time.Advance(TimeSpan.FromSeconds(5));

        board.SetComponent("vault", null);

        Assert.Equal((false, downAt, "still unreachable"), (stillDown.Up, stillDown.Since, stillDown.LastError));
        var up = Assert.Single(board.Backends());
        Assert.Equal((true, _time.GetUtcNow()), (up.Up, up.Since));
    }

    [Fact]
    public void NextGeneration_PerFile_Counts()
    {
        var board = new StatusBoard(_time);

        Assert.Equal([1L, 2L, 1L, 3L], new[] { board.NextGeneration("a"), board.NextGeneration("a"), board.NextGeneration("b"), board.NextGeneration("a") });
    }
}
