namespace R3mes.Sidecar.Fuzz.Tests.Harness;

/// <summary>A target refused an input with a message that quotes a planted secret value (<see cref="Canary"/>): a crash.</summary>
internal sealed class CanaryLeakException : Exception
{
    public CanaryLeakException()
    {
    }

    public CanaryLeakException(string message) : base(message)
    {
    }

    public CanaryLeakException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
