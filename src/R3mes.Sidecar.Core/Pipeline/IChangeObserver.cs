using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Pipeline;

/// <summary>Told after all files of a secret were written: the action dispatcher, and in exec mode the child supervisor.</summary>
public interface IChangeObserver
{
    /// <param name="result">The changed file names, and which of them this process created (first render).</param>
    void FilesChanged(SecretSpec secret, RefreshResult result);
}
