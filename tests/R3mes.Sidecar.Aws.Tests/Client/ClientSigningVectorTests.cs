using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace R3mes.Sidecar.Aws.Tests.Client;

/// <summary>
/// The client signs with AWSSDK.Core's <c>AWSSigV4Signer</c> (under <c>SigV4SigningHandler</c>) with the payload
/// signed, which always adds and signs <c>x-amz-content-sha256</c>. AWS's SigV4 suite (TestData/aws-sigv4, from
/// awslabs/aws-c-auth tests/aws-signing-test-suite/v4, Apache-2.0) has that header only in its body-signing cases, so
/// those are the ones the client's signature must equal; the emulator's independent verifier is pinned to the whole
/// suite, and the contract tests prove it accepts the client's requests.
/// </summary>
public sealed class ClientSigningVectorTests
{
    public static TheoryData<string> Cases() =>
        [.. Directory.GetDirectories(Path.Combine(AppContext.BaseDirectory, "TestData", "aws-sigv4"))
            .Where(d => File.ReadAllText(Path.Combine(d, "context.json")).Contains("\"sign_body\": true", StringComparison.Ordinal))
            .Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Signer_ProducesTheSuitesSignature(string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestData", "aws-sigv4", name);
        using var context = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "context.json")));
        var root = context.RootElement;
        var credentials = root.GetProperty("credentials");
        AWSCredentials signingCredentials = credentials.TryGetProperty("token", out var token)
            ? new SessionAWSCredentials(credentials.GetProperty("access_key_id").GetString(), credentials.GetProperty("secret_access_key").GetString(), token.GetString())
            : new BasicAWSCredentials(credentials.GetProperty("access_key_id").GetString(), credentials.GetProperty("secret_access_key").GetString());
        var request = Parse(File.ReadAllText(Path.Combine(folder, "request.txt")));

        var signed = await AWSSigV4Signer.SignAsync(request, new AWSSigV4Parameters
        {
            Credentials = signingCredentials,
            Region = RegionEndpoint.GetBySystemName(root.GetProperty("region").GetString()),
            Service = root.GetProperty("service").GetString(),
            SignPayload = root.GetProperty("sign_body").GetBoolean(),
            SignedAt = DateTime.Parse(root.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        }, CancellationToken.None);

        var authorization = signed.Headers.First(h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).Value;
        Assert.EndsWith("Signature=" + File.ReadAllText(Path.Combine(folder, "header-signature.txt")).Trim(), authorization, StringComparison.Ordinal);
    }

    private static AWSSigningRequest Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var requestLine = lines[0].Split(' ');
        var request = new AWSSigningRequest { HttpMethod = new HttpMethod(requestLine[0]) };
        var index = 1;
        string? host = null;
        for (; index < lines.Length && lines[index].Length > 0; index++)
        {
            var colon = lines[index].IndexOf(':', StringComparison.Ordinal);
            var (key, value) = (lines[index][..colon], lines[index][(colon + 1)..]);
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                host = value;
            }

            request.Headers[key] = request.Headers.TryGetValue(key, out var existing) ? existing + "," + value : value;
        }

        request.RequestUri = new Uri($"https://{host}{string.Join(' ', requestLine[1..^1])}");
        var body = string.Join('\n', lines.Skip(index + 1));
        request.Content = Encoding.UTF8.GetBytes(body);
        return request;
    }
}
