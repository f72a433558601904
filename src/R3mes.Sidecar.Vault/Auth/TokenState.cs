using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.State;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// The session's token in <c>state_dir</c>, so a restarted sidecar — or the daemon after the <c>once</c> init step —
/// resumes it instead of logging in again. That matters for a response-wrapped secret_id, which can be unwrapped only
/// once. A stale or unreadable file is ignored: the session logs in as usual.
/// </summary>
internal sealed class TokenState(StateFiles files)
{
    public const string FileName = "vault-token.json";

    public TokenState(string stateDirectory)
        : this(new StateFiles(stateDirectory))
    {
    }

    public void Save(VaultToken token) =>
        files.Save(FileName, new PersistedToken { Token = token.Value.RevealUtf8(), Accessor = token.Accessor }, VaultJsonContext.Default.PersistedToken);

    /// <summary>The saved token, or null when there is none or it cannot be read.</summary>
    public SecretValue? Load() =>
        files.Load(FileName, VaultJsonContext.Default.PersistedToken) is { Token.Length: > 0 } persisted ? SecretValue.FromUtf8(persisted.Token) : null;

    public void Delete() => files.Delete(FileName);
}
