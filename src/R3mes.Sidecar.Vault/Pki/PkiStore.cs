using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Client;
using R3mes.Sidecar.Vault.State;

namespace R3mes.Sidecar.Vault.Pki;

/// <summary>
/// The last issued certificate of one secret in <c>state_dir</c>: Vault does not keep private keys, so this is what
/// lets a restarted sidecar reuse a still-valid certificate instead of issuing a new one.
/// </summary>
internal sealed class PkiStore(StateFiles files, string secretName)
{
    private string FileName => $"pki-{secretName}.json";

    public void Save(IReadOnlyDictionary<string, SecretValue> fields) =>
        files.Save(FileName, fields.ToDictionary(f => f.Key, f => f.Value.RevealUtf8(), StringComparer.Ordinal), VaultJsonContext.Default.DictionaryStringString);

    public IReadOnlyDictionary<string, SecretValue>? Load() =>
        files.Load(FileName, VaultJsonContext.Default.DictionaryStringString)?.ToDictionary(m => m.Key, m => SecretValue.FromUtf8(m.Value), StringComparer.Ordinal);
}
