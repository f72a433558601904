using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace R3mes.Sidecar.Vault.AwsAuth;

/// <summary>
/// A SigV4-signed STS <c>GetCallerIdentity</c> request that is not sent: Vault's <c>aws</c> auth method (IAM type)
/// receives it and replays it to STS to learn who we are. An optional <c>X-Vault-AWS-IAM-Server-ID</c> header is
/// added before signing, so it is covered by the signature (Vault requires that).
/// </summary>
public sealed record SignedCallerIdentity(Uri Url, string Body, IReadOnlyDictionary<string, string[]> Headers)
{
    public const string RequestBody = "Action=GetCallerIdentity&Version=2011-06-15";
    public const string ServerIdHeader = "X-Vault-AWS-IAM-Server-ID";

    public static async Task<SignedCallerIdentity> CreateAsync(AWSCredentials credentials, Uri stsEndpoint, string stsRegion, string? serverId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stsEndpoint);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
            ["Host"] = stsEndpoint.IsDefaultPort ? stsEndpoint.Host : $"{stsEndpoint.Host}:{stsEndpoint.Port}",
        };
        if (serverId is not null)
        {
            headers[ServerIdHeader] = serverId;
        }

        var request = new AWSSigningRequest { HttpMethod = HttpMethod.Post, RequestUri = stsEndpoint, Content = Encoding.UTF8.GetBytes(RequestBody) };
        foreach (var (name, value) in headers)
        {
            request.Headers[name] = value;
        }

        var signed = await AWSSigV4Signer.SignAsync(
            request,
            new AWSSigV4Parameters { Credentials = credentials, Region = RegionEndpoint.GetBySystemName(stsRegion), Service = "sts", SignPayload = true },
            cancellationToken).ConfigureAwait(false);
        foreach (var header in signed.Headers)
        {
            headers[header.Key] = header.Value;
        }

        return new SignedCallerIdentity(stsEndpoint, RequestBody, headers.ToDictionary(h => h.Key, h => new[] { h.Value }, StringComparer.OrdinalIgnoreCase));
    }
}
