using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Auth.Methods.Token;

/// <summary><c>method: token</c> — a token from a file, re-read at every (re-)login so a replaced file takes effect.</summary>
internal sealed class TokenFileAuth(string tokenFile) : IOperatorTokenAuth
{
    public string Description => $"token from {tokenFile}";

    public async ValueTask<LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken) =>
        LoginRequest.Token(await AuthFiles.ReadAsync(tokenFile, "token", cancellationToken).ConfigureAwait(false));
}
