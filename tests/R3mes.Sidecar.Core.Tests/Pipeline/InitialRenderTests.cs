using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using R3mes.Sidecar.Core.Tests.Output;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Lifetimes;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Core.Tests.Pipeline;

/// <summary>
/// <c>retry_budget</c> is a deadline for the whole first render: an attempt still in flight when it is spent (a
/// backend that accepts the connection and never answers) is cancelled, and the secret is reported missing then —
/// not when the client's own per-attempt timeouts and retries run out.
/// </summary>
public sealed class InitialRenderTests : IDisposable
{
    private readonly TempDirectory _dir = TempDirectory.Create();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-28T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task RunAsync_AttemptNeverAnswers_GivesUpWhenTheBudgetIsSpent()
    {
        var source = new SilentSource();
        var secret = Specs.Secret(source, [Specs.Field("jwt_secret", null)]);
        var plan = Specs.Plan(_dir.Path, secret) with { RetryBudget = TimeSpan.FromSeconds(10) };
        var board = new StatusBoard(_time);
        using var metrics = new SidecarMetrics(board, _time);
        using var engine = new LifetimeEngine(_time, NullLogger<LifetimeEngine>.Instance);
        var render = new InitialRender(plan, new SecretRefresher(plan, board, metrics, NullLogger<SecretRefresher>.Instance), metrics, engine, new Random(3), _time, NullLogger<InitialRender>.Instance);

        var run = render.RunAsync(CancellationToken.None);
        await source.Asked.Task.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);
        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(run.IsCompleted, "still within the budget");
        _time.Advance(TimeSpan.FromSeconds(0.2));
        var missing = await run.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System);

        Assert.Equal(["app"], missing);
        Assert.True(source.Cancelled, "the attempt in flight was cancelled");
        Assert.False(File.Exists(_dir.File("jwt_secret")));
    }

    /// <summary>A fetch that never completes until it is cancelled.</summary>
    private sealed class SilentSource : ISecretSource
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Cancelled { get; private set; }

        public string Description => "silent";

        public async ValueTask<SecretData> FetchAsync(CancellationToken cancellationToken)
        {
            var never = new TaskCompletionSource<SecretData>(TaskCreationOptions.RunContinuationsAsynchronously);
            await using var registration = cancellationToken.Register(() =>
            {
                Cancelled = true;
                never.TrySetCanceled(cancellationToken);
            });
            Asked.TrySetResult();
            return await never.Task;
        }
    }
}
