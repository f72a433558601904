namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// An auth method whose token the operator gives (<c>method: token</c>) rather than a login Vault answers: the
/// token is not the sidecar's to revoke, so <c>revoke_on_shutdown</c> leaves it alone.
/// </summary>
public interface IOperatorTokenAuth : IAuthMethod;
