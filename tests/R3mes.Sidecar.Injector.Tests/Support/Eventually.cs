namespace R3mes.Sidecar.Injector.Tests.Support;

/// <summary>Waits for a condition with a deadline, polling every 50 ms, instead of sleeping for a guessed time.</summary>
internal static class Eventually
{
    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                Assert.Fail($"condition not met within {timeout.TotalSeconds:0.#}s: {describe()}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }
    }
}
