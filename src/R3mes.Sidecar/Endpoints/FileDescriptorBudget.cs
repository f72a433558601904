namespace R3mes.Sidecar.Endpoints;

/// <summary>
/// Keeps file descriptors for the secret loops (source files, inotify, output writes, backend connections, action
/// commands): the listeners together may hold at most the open-file limit less the descriptors already open and
/// <see cref="Reserve"/>; when the configured bounds add up to more, each is cut to an equal share (at least one).
/// Each listener also holds up to <see cref="ConnectionBound.RefusingSlots"/> connections it is refusing: counted too.
/// </summary>
internal static class FileDescriptorBudget
{
    public const int Reserve = 128;

    public static int[] Bounds(IReadOnlyList<int> wanted, ulong openFileLimit, int inUse)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        var available = openFileLimit >= long.MaxValue ? long.MaxValue
            : (long)openFileLimit - inUse - Reserve - ((long)wanted.Count * ConnectionBound.RefusingSlots);
        if (wanted.Count == 0 || wanted.Sum(w => (long)w) <= available)
        {
            return [.. wanted];
        }

        var share = Math.Max(1, available / wanted.Count);
        return [.. wanted.Select(w => (int)Math.Min(w, share))];
    }
}
