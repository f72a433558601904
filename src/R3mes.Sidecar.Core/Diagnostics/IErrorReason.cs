namespace R3mes.Sidecar.Diagnostics;

/// <summary>An exception from a backend that knows which <see cref="ErrorReason"/> it is (a Vault 403 is <c>denied</c>).</summary>
public interface IErrorReason
{
    string ErrorReason { get; }
}
