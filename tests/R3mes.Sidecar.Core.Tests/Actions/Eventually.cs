namespace R3mes.Sidecar.Actions;

/// <summary>Waits for a condition with a deadline instead of sleeping for a guessed time.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan? within = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > (within ?? Deadline))
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        return true;
    }

    /// <summary>Whether the task finished before the deadline (it is not awaited: the caller does that).</summary>
    public static async Task<bool> CompletesAsync(Task task, TimeSpan? within = null)
    {
        var deadline = Task.Delay(within ?? Deadline, TimeProvider.System);
        return await Task.WhenAny(task, deadline) == task;
    }
}
