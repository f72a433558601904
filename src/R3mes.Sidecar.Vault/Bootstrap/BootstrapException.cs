namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>The bootstrap cannot go on: what failed and what to do (never a secret value or token).</summary>
public sealed class BootstrapException : Exception
{
    public BootstrapException()
    {
    }

    public BootstrapException(string message) : base(message)
    {
    }

    public BootstrapException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
