using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.State;

namespace R3mes.Sidecar.Vault.Pki;

/// <summary>
/// The last issued certificate of one secret in <c>state_dir</c>: Vault does not keep private keys, so this is what
/// lets a restarted sidecar reuse a still-valid certificate instead of issuing a new one. The file is one per secret
/// and carries the <see cref="Request"/> key it was issued for; a changed path or <c>params</c> never reuses it.
/// </summary>
internal sealed class PkiStore(StateFiles files, string secretName, string request)
{
    private string FileName => $"pki-{secretName}.json";

    /// <summary>The <see cref="PkiRequest"/> key of this secret's source.</summary>
    public string Request => request;

    public void Save(IReadOnlyDictionary<string, SecretValue> fields, DateTimeOffset issuedAt) =>
        files.Save(FileName, new PersistedCertificate(request, issuedAt, fields.ToDictionary(f => f.Key, f => f.Value.RevealUtf8(), StringComparer.Ordinal)),
            PkiJsonContext.Default.PersistedCertificate);

    /// <summary>The kept certificate, whatever it was issued for (null when there is none or it is unreadable).</summary>
    public PersistedCertificate? Load() =>
        files.Load(FileName, PkiJsonContext.Default.PersistedCertificate) is { Fields: not null } kept ? kept : null;
}
