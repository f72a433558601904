using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Pipeline;

/// <summary>Told after all files of a secret were written: the action dispatcher, and in exec mode the child supervisor.</summary>
public interface IChangeObserver
{
    void FilesChanged(SecretSpec secret, IReadOnlyList<string> files);
}
