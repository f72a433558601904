using System.Text.Json;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// The session's token in <c>state_dir</c> (sidecar-only, 0700 directory, 0600 file, the same atomic writer), so a
/// restarted sidecar — or the daemon after the <c>once</c> init step — resumes it instead of logging in again. That
/// matters for a response-wrapped secret_id, which can be unwrapped only once. A stale or unreadable file is
/// ignored: the session logs in as usual.
/// </summary>
internal sealed class TokenState(string stateDirectory)
{
    public const string FileName = "vault-token.json";

    public void Save(VaultToken token)
    {
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(stateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(new PersistedToken { Token = token.Value.RevealUtf8(), Accessor = token.Accessor }, VaultJsonContext.Default.PersistedToken);
        new SecretFileWriter(stateDirectory).Write(new FileTarget(FileName, UnixFileMode.UserRead | UnixFileMode.UserWrite, null, null), SecretValue.FromBytes(json));
    }

    /// <summary>The saved token, or null when there is none or it cannot be read.</summary>
    public SecretValue? Load()
    {
        try
        {
            var persisted = JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(stateDirectory, FileName)), VaultJsonContext.Default.PersistedToken);
            return string.IsNullOrEmpty(persisted?.Token) ? null : SecretValue.FromUtf8(persisted.Token);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
