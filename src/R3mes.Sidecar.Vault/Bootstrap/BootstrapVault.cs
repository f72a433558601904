using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// The bootstrap's calls to Vault with the operator's token: reads that treat 404 as "absent", lists, writes with any
/// JSON body (optionally response-wrapped). A 403 becomes a message naming the capability the token lacks on which
/// path. Counts writes, so a run can say how many changes it made.
/// </summary>
internal sealed class BootstrapVault(VaultClient client, SecretValue token)
{
    public int Writes { get; private set; }

    /// <summary>The <c>data</c> of a read, or null when Vault answers 404 (absent, or an empty list).</summary>
    public Task<JsonElement?> ReadAsync(string path, CancellationToken cancellationToken) => GetAsync(path, null, cancellationToken);

    public Task<JsonElement?> ListAsync(string path, CancellationToken cancellationToken) => GetAsync(path, "list=true", cancellationToken);

    public async Task WriteAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        await CallAsync(HttpMethod.Post, path, body, null, null, cancellationToken).ConfigureAwait(false);
        Writes++;
    }

    /// <summary>Writes and returns the wrapping token Vault made of the answer (the answer itself stays in Vault).</summary>
    public async Task<SecretValue> WriteWrappedAsync(string path, JsonObject body, TimeSpan wrapTtl, CancellationToken cancellationToken)
    {
        var response = await CallAsync(HttpMethod.Post, path, body, null, wrapTtl, cancellationToken).ConfigureAwait(false);
        Writes++;
        return response.Envelope?.WrapInfo?.Token is { Length: > 0 } wrapping
            ? SecretValue.FromUtf8(wrapping)
            : throw new BootstrapException($"POST {path}: Vault did not wrap the answer (no wrap_info); refusing to handle an unwrapped secret id");
    }

    private async Task<JsonElement?> GetAsync(string path, string? query, CancellationToken cancellationToken)
    {
        var response = await CallAsync(HttpMethod.Get, path, null, query, null, cancellationToken, acceptNotFound: true).ConfigureAwait(false);
        return response.Status == HttpStatusCode.NotFound || response.Envelope is not { HasData: true } envelope ? null : envelope.Data.Clone();
    }

    private async Task<VaultResponse> CallAsync(HttpMethod method, string path, JsonObject? body, string? query, TimeSpan? wrapTtl, CancellationToken cancellationToken, bool acceptNotFound = false)
    {
        try
        {
            return await client.SendJsonAsync(method, VaultPath.Segments(path), token, body, cancellationToken, query, acceptNotFound, wrapTtl).ConfigureAwait(false);
        }
        catch (VaultApiException e) when (e.IsPermissionDenied)
        {
            throw new BootstrapException(Denied(method, path, query, e), e);
        }
        catch (VaultApiException e)
        {
            throw new BootstrapException(e.Message, e);
        }
        catch (HttpRequestException e)
        {
            throw new BootstrapException($"cannot reach Vault at {client.Address}: {e.Message}; check --address (or VAULT_ADDR) and that Vault is up and unsealed", e);
        }
    }

    /// <summary>Which capability the token needs: read (GET), list (LIST), create/update (POST), plus sudo on sys/auth.</summary>
    internal static string Denied(HttpMethod method, string path, string? query, VaultApiException e)
    {
        var capability = method == HttpMethod.Get ? (query is null ? "read" : "list") : "create and update";
        var sudo = path.StartsWith("sys/auth", StringComparison.Ordinal) ? " and sudo" : "";
        var invalid = e.IsInvalidToken ? " Vault says the token itself is invalid or expired: give a live one." : "";
        return $"permission denied: {method.Method}{(query is null ? "" : " (list)")} {path} needs the '{capability}'{sudo} capability on \"{path}\", which the token's policies do not grant.{invalid} " +
               "Bootstrap with a token that may configure Vault (a root or admin token, via VAULT_TOKEN or --token-file)";
    }
}
