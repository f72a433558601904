namespace R3mes.Sidecar.Vault.Configuration;

/// <summary><c>vault.auth:</c> the keys every method shares; each method binds its own keys (Auth/Methods/&lt;Name&gt;/).</summary>
public sealed class VaultAuthOptions
{
    public static readonly string[] Keys = ["method", "mount"];

    public string? Method { get; set; }

    public string? Mount { get; set; }
}
