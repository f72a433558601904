using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Auth.Methods.AppRole;

/// <summary>
/// <c>approle</c>: role_id and secret_id from files. A response-wrapped secret_id is looked up first (its
/// <c>creation_path</c> must be this mount's <c>role/&lt;name&gt;/secret-id</c>, so a token wrapped from elsewhere is
/// refused), then unwrapped once and kept in memory for later logins; the file may then be removed. A plain secret_id
/// is kept in memory the same way, so <c>remove_secret_id_file</c> does not break the logins after the first (the
/// next at the token's max TTL at the latest); a new file put in place later is read and used instead.
/// </summary>
internal sealed class AppRoleAuth(string mount, string roleIdFile, string secretIdFile, bool wrapped, bool removeSecretIdFile) : IAuthMethod
{
    private SecretValue? _unwrapped;
    private SecretValue? _wrappingToken;
    private SecretValue? _plain;

    public string Description => $"approle at auth/{mount}";

    public async ValueTask<LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var roleId = await AuthFiles.ReadAsync(roleIdFile, "role_id", cancellationToken).ConfigureAwait(false);
        var secretId = wrapped ? await UnwrappedSecretIdAsync(client, cancellationToken).ConfigureAwait(false)
            : await PlainSecretIdAsync(cancellationToken).ConfigureAwait(false);
        if (removeSecretIdFile && File.Exists(secretIdFile))
        {
            File.Delete(secretIdFile);
        }

        return LoginRequest.Call(mount, new Dictionary<string, string> { ["role_id"] = roleId.RevealUtf8(), ["secret_id"] = secretId.RevealUtf8() });
    }

    private async Task<SecretValue> PlainSecretIdAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(secretIdFile) && _plain is not null)
        {
            return _plain;
        }

        return _plain = await AuthFiles.ReadAsync(secretIdFile, "secret_id", cancellationToken).ConfigureAwait(false);
    }

    private async Task<SecretValue> UnwrappedSecretIdAsync(VaultClient client, CancellationToken cancellationToken)
    {
        if (!File.Exists(secretIdFile) && _unwrapped is not null)
        {
            return _unwrapped;
        }

        var wrappingToken = await AuthFiles.ReadAsync(secretIdFile, "wrapped secret_id", cancellationToken).ConfigureAwait(false);
        if (_unwrapped is not null && wrappingToken.Equals(_wrappingToken))
        {
            return _unwrapped;
        }

        var lookup = await client.SendAsync(HttpMethod.Post, ["sys", "wrapping", "lookup"], null, cancellationToken,
            new Dictionary<string, string> { ["token"] = wrappingToken.RevealUtf8() }).ConfigureAwait(false);
        var creationPath = lookup.Required("wrapping lookup").Data.TryGetProperty("creation_path", out var path) ? path.GetString() : null;
        if (!IsSecretIdPath(creationPath))
        {
            throw new VaultAuthException($"the wrapped secret_id in {secretIdFile} was created at '{creationPath}', not auth/{mount}/role/<role>/secret-id: refusing to unwrap it");
        }

        var unwrap = await client.SendAsync(HttpMethod.Post, ["sys", "wrapping", "unwrap"], wrappingToken, cancellationToken).ConfigureAwait(false);
        var data = unwrap.Required("unwrap").Data;
        var secretId = data.ValueKind == System.Text.Json.JsonValueKind.Object && data.TryGetProperty("secret_id", out var id) ? id.GetString() : null;
        _unwrapped = string.IsNullOrEmpty(secretId)
            ? throw new VaultAuthException("the unwrapped response holds no secret_id")
            : SecretValue.FromUtf8(secretId);
        _wrappingToken = wrappingToken;
        return _unwrapped;
    }

    private bool IsSecretIdPath(string? creationPath)
    {
        var parts = creationPath?.Split('/');
        var prefix = $"auth/{mount}/role/";
        return creationPath is not null && creationPath.StartsWith(prefix, StringComparison.Ordinal) &&
               parts is not null && parts[^1] is "secret-id" or "custom-secret-id" &&
               creationPath.Length > prefix.Length + "secret-id".Length;
    }
}
