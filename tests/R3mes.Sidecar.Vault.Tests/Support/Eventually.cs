namespace R3mes.Sidecar.Vault.Tests.Support;

/// <summary>Waits on a condition with a deadline (polling, not sleeping for a fixed time).</summary>
internal static class Eventually
{
    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > (timeout ?? TimeSpan.FromSeconds(10)))
            {
                Assert.Fail($"timed out waiting for {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }
    }

    /// <summary>Lets background loops run for a moment, then asserts that something still has not happened.</summary>
    public static async Task Never(Func<bool> condition, string what)
    {
        for (var i = 0; i < 20; i++)
        {
            Assert.False(condition(), what);
            await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
        }
    }
}
