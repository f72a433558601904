namespace R3mes.Sidecar.Tests.Support;

/// <summary>
/// The hostile neighbour of consul-template #2156 on its own thread, until stopped: renames a fresh symlink to a file
/// outside the root over the target name (atomically: whatever the sidecar put there is replaced by the link), then
/// removes it again so the sidecar's next write finds the name free and races the next flip.
/// </summary>
internal sealed class SymlinkFlipper : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;
    private int _flips;

    public SymlinkFlipper(string target, string victim)
    {
        var staging = Path.Combine(Path.GetDirectoryName(target)!, "..", $"flip-{Guid.NewGuid():N}");
        _thread = new Thread(() =>
        {
            while (!_stop)
            {
                try
                {
                    File.CreateSymbolicLink(staging, victim);
                    File.Move(staging, target, overwrite: true);
                    Interlocked.Increment(ref _flips);
                    Thread.Yield();
                    File.Delete(target);
                }
                catch (IOException)
                {
                    // The output directory moved or the staging name is taken: try again.
                    File.Delete(staging);
                }

                Thread.Yield();
            }
        }) { IsBackground = true, Name = "symlink flipper" };
        _thread.Start();
    }

    public int Flips => Volatile.Read(ref _flips);

    public void Stop()
    {
        _stop = true;
        _thread.Join();
    }

    public void Dispose() => Stop();
}
