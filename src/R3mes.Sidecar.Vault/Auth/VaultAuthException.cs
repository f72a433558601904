namespace R3mes.Sidecar.Vault.Auth;

/// <summary>A login could not be built or was refused. Names files and paths, never credentials.</summary>
public sealed class VaultAuthException : Exception
{
    public VaultAuthException(string message) : base(message)
    {
    }

    public VaultAuthException()
    {
    }

    public VaultAuthException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
