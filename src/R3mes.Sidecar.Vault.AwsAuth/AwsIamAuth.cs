using System.Text;
using System.Text.Json;
using R3mes.Sidecar.Aws.Credentials;
using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.AwsAuth;

/// <summary>
/// <c>aws</c> (IAM type): a SigV4-signed STS GetCallerIdentity request from the AWS default credential chain, sent to
/// <c>auth/&lt;mount&gt;/login</c> as Vault expects it — <c>iam_http_request_method</c> POST, and the URL, body and
/// headers (a JSON object of string arrays) each standard base64 (docs/VAULT.md, "Logins").
/// </summary>
internal sealed class AwsIamAuth(string mount, string role, Uri stsEndpoint, string stsRegion, string? serverId, Amazon.Runtime.AWSCredentials? credentials = null)
    : IAuthMethod
{
    private readonly Amazon.Runtime.AWSCredentials _credentials = credentials ?? new ChainCredentials();

    public string Description => $"aws (iam) at auth/{mount} as role {role}";

    public async ValueTask<LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken)
    {
        var signed = await SignedCallerIdentity.CreateAsync(_credentials, stsEndpoint, stsRegion, serverId, cancellationToken).ConfigureAwait(false);
        var headers = JsonSerializer.SerializeToUtf8Bytes(signed.Headers.ToDictionary(h => h.Key, h => h.Value), AwsAuthJsonContext.Default.DictionaryStringStringArray);
        return LoginRequest.Call(mount, new Dictionary<string, string>
        {
            ["role"] = role,
            ["iam_http_request_method"] = "POST",
            ["iam_request_url"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(signed.Url.ToString())),
            ["iam_request_body"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(signed.Body)),
            ["iam_request_headers"] = Convert.ToBase64String(headers),
        });
    }
}
