namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// Makes the login of one Vault auth method from <c>vault.auth:</c>. Registered in DI with
/// <c>.AddVaultAuth&lt;TFactory&gt;()</c> and found by <see cref="Method"/>, the value of <c>vault.auth.method</c>.
/// Must not contact Vault or read credential files: <c>check</c> builds the method too.
/// </summary>
public interface IAuthMethodFactory
{
    /// <summary>The name in <c>vault.auth.method</c>, lower case (<c>approle</c>).</summary>
    string Method { get; }

    /// <summary>Keys this method reads under <c>vault.auth</c> besides the common <c>method</c> and <c>mount</c>.</summary>
    IReadOnlyCollection<string> OptionKeys { get; }

    /// <summary>Returns the method, or null after adding the reasons to <see cref="AuthMethodContext.Errors"/>.</summary>
    IAuthMethod? Create(AuthMethodContext context);
}
