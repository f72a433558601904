using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Rotate;

/// <summary>
/// <c>--vault PATH</c>: writes rotated values into a KV secret the way <c>vault kv patch</c> does — detect the
/// mount's KV version, read the current fields, merge, write. On KV v2 the write carries <c>cas</c> = the version
/// read, so a concurrent writer makes it fail instead of being overwritten. Address and token come from
/// <c>VAULT_ADDR</c> and <c>VAULT_TOKEN</c> (as for the vault CLI); <c>VAULT_NAMESPACE</c> is sent when set.
/// </summary>
internal sealed class VaultKvWriter(HttpClient http, string? token, string? vaultNamespace)
{
    public static VaultKvWriter FromEnvironment(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var address = Environment.GetEnvironmentVariable("VAULT_ADDR");
        if (string.IsNullOrEmpty(address) || !Uri.TryCreate(address, UriKind.Absolute, out var uri))
        {
            throw OperatorException.Usage("--vault needs VAULT_ADDR (e.g. http://127.0.0.1:8200) and VAULT_TOKEN in the environment");
        }

        http.BaseAddress = uri;
        var token = Environment.GetEnvironmentVariable("VAULT_TOKEN");
        if (string.IsNullOrEmpty(token))
        {
            throw OperatorException.Usage("--vault needs VAULT_TOKEN in the environment (a token allowed to read and update the path)");
        }

        return new VaultKvWriter(http, token, Environment.GetEnvironmentVariable("VAULT_NAMESPACE"));
    }

    /// <summary>Writes <paramref name="fields"/> over the secret's current fields; returns the new KV v2 version (0 on v1).</summary>
    public async Task<int> WriteAsync(string path, IReadOnlyDictionary<string, SecretValue> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(fields);
        var trimmed = path.Trim('/');
        if (trimmed.Length == 0 || trimmed.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw OperatorException.Usage($"--vault {path}: expected a KV path such as secret/r3mes/app");
        }

        var mount = await SendAsync(HttpMethod.Get, $"sys/internal/ui/mounts/{trimmed}", null, cancellationToken).ConfigureAwait(false);
        var mountPath = mount?["data"]?["path"]?.GetValue<string>()?.Trim('/') ?? throw new OperatorException($"vault {trimmed}: no KV mount serves this path");
        var type = mount["data"]?["type"]?.GetValue<string>();
        if (type is not "kv" and not "generic")
        {
            throw new OperatorException($"vault {trimmed}: the mount {mountPath} is '{type}', not kv");
        }

        var v2 = mount["data"]?["options"]?["version"]?.GetValue<string>() == "2";
        var relative = trimmed.Length > mountPath.Length ? trimmed[(mountPath.Length + 1)..] : "";
        var dataPath = v2 ? $"{mountPath}/data/{relative}" : trimmed;
        var current = await SendAsync(HttpMethod.Get, dataPath, null, cancellationToken, acceptNotFound: true).ConfigureAwait(false);
        var existing = (v2 ? current?["data"]?["data"] : current?["data"]) as JsonObject ?? [];
        var merged = (JsonObject)existing.DeepClone();
        foreach (var (name, value) in fields)
        {
            merged[name] = value.RevealUtf8();
        }

        if (!v2)
        {
            await SendAsync(HttpMethod.Post, dataPath, merged, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var version = current?["data"]?["metadata"]?["version"]?.GetValue<int>() ?? 0;
        var body = new JsonObject { ["options"] = new JsonObject { ["cas"] = version }, ["data"] = merged };
        var written = await SendAsync(HttpMethod.Post, dataPath, body, cancellationToken).ConfigureAwait(false);
        return written?["data"]?["version"]?.GetValue<int>() ?? version + 1;
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken, bool acceptNotFound = false)
    {
        var encoded = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        using var request = new HttpRequestMessage(method, "v1/" + encoded);
        request.Headers.Add("X-Vault-Request", "true");
        request.Headers.TryAddWithoutValidation("X-Vault-Token", token);
        if (!string.IsNullOrEmpty(vaultNamespace))
        {
            request.Headers.Add("X-Vault-Namespace", vaultNamespace);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new OperatorException($"vault: {method} {path} failed: {e.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound && acceptNotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new OperatorException($"vault: {method} {path} answered {(int)response.StatusCode}{Errors(text)}");
            }

            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
    }

    /// <summary>Vault's <c>errors</c> list (messages about the request, never secret data).</summary>
    private static string Errors(string text)
    {
        try
        {
            return JsonNode.Parse(text)?["errors"] is JsonArray { Count: > 0 } errors
                ? ": " + string.Join("; ", errors.Select(e => e?.GetValue<string>()))
                : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
