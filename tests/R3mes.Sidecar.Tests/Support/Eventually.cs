namespace R3mes.Sidecar.Tests.Support;

/// <summary>Waits for a condition with a deadline, polling every 20 ms, instead of sleeping for a guessed time.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Fails the test with <paramref name="describe"/>'s text when the condition is still false at the deadline.</summary>
    public static Task Until(Func<bool> condition, TimeSpan timeout, Func<string>? describe = null) =>
        Until(() => Task.FromResult(condition()), timeout, describe);

    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? describe = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                Assert.Fail($"condition not met within {timeout.TotalSeconds:0.#}s{(describe is null ? "" : ": " + describe())}");
            }

            await Task.Delay(Interval, TimeProvider.System);
        }
    }

    /// <summary>Waits out a period in which nothing is expected to happen (proving a negative needs a clock).</summary>
    public static Task Quiet(TimeSpan period) => Task.Delay(period, TimeProvider.System);
}
