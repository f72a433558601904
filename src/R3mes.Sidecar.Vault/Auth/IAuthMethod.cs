using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// An auth method only builds its login request (Vault Agent's split); <see cref="VaultSession"/> sends it,
/// renews the token and logs in again. Called before every login, so rotated files (service-account JWTs) are
/// re-read each time.
/// </summary>
public interface IAuthMethod
{
    /// <summary>The method name (<c>approle</c>) and mount, for logs.</summary>
    string Description { get; }

    ValueTask<LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken);
}
