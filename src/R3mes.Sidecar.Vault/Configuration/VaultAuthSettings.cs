using R3mes.Sidecar.Vault.Auth;

namespace R3mes.Sidecar.Vault.Configuration;

/// <summary>
/// The validated <c>vault.auth:</c>: the method name, its mount, and the login its factory made from the method's
/// own keys (<see cref="IAuthMethodFactory"/>).
/// </summary>
public sealed record VaultAuthSettings(string Method, string Mount, IAuthMethod Login);
