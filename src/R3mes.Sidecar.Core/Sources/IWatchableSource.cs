namespace R3mes.Sidecar.Sources;

/// <summary>A source that can say when it changed (a watched directory), so the scheduler need not wait to poll.</summary>
public interface IWatchableSource
{
    /// <summary>Calls <paramref name="changed"/> (from any thread) after the source may have changed.</summary>
    IDisposable Watch(Action changed);
}
