using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Aws.Tests.Support;

namespace R3mes.Sidecar.Aws.Tests.Vault;

/// <summary>Builds an aws iam login body as go-secure-stdlib's GenerateLoginData does: a signed
/// GetCallerIdentity POST, every iam_* value standard base64, headers a JSON object of string arrays.</summary>
internal static class VaultAwsLogin
{
    public static JsonObject Build(TestSigner signer, Uri sts, string role, string? serverId, string? sendServerIdInstead = null)
    {
        const string body = "Action=GetCallerIdentity&Version=2011-06-15";
        using var request = new HttpRequestMessage(HttpMethod.Post, sts);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        if (serverId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Vault-Aws-Iam-Server-Id", serverId);
        }

        signer.Sign(request, Encoding.UTF8.GetBytes(body));
        var headers = new JsonObject();
        foreach (var header in request.Headers.Concat(request.Content.Headers))
        {
            var value = header.Key == "X-Vault-Aws-Iam-Server-Id" && sendServerIdInstead is not null ? [sendServerIdInstead] : header.Value;
            headers[header.Key] = new JsonArray([.. value.Select(v => (JsonNode)v)]);
        }

        return new JsonObject
        {
            ["role"] = role,
            ["iam_http_request_method"] = "POST",
            ["iam_request_url"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(sts.ToString())),
            ["iam_request_body"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(body)),
            ["iam_request_headers"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(headers.ToJsonString())),
        };
    }
}
