namespace R3mes.Secrets.Npgsql.Tests.TestSupport;

/// <summary>Waits for a condition with a deadline (never for a fixed time).</summary>
internal static class Deadline
{
    public static async Task Until(Func<bool> condition, TimeSpan timeout, Func<string> describe)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
                throw new TimeoutException($"not within {timeout.TotalSeconds:0} s: {describe()}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }
}
