using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using R3mes.Sidecar.Aws.Emulator;

namespace R3mes.Sidecar.Aws.Tests.Support;

/// <summary>Raw HTTP calls to the emulator, signed with <see cref="TestSigner"/>.</summary>
internal sealed class AwsTestClient(AwsEmulator emulator, TimeProvider time) : IDisposable
{
    private readonly HttpClient _http = new();

    public Task<AwsCallResult> SecretsManagerAsync(string operation, JsonObject body, AwsCredential credential, Func<TestSigner, TestSigner>? tweak = null)
    {
        var signer = new TestSigner(credential.AccessKeyId, credential.SecretKey, credential.SessionToken, emulator.Region, "secretsmanager", time.GetUtcNow());
        return SendAsync(operation, body, tweak is null ? signer : tweak(signer));
    }

    public async Task<AwsCallResult> SendAsync(string operation, JsonObject body, TestSigner? signer)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.Address);
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "secretsmanager." + operation);
        signer?.Sign(request, bytes);
        return await ReadAsync(await _http.SendAsync(request)).ConfigureAwait(false);
    }

    public async Task<AwsCallResult> StsAsync(string form, TestSigner? signer)
    {
        var bytes = Encoding.UTF8.GetBytes(form);
        using var request = new HttpRequestMessage(HttpMethod.Post, emulator.Address);
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "utf-8" };
        signer?.Sign(request, bytes);
        return await ReadAsync(await _http.SendAsync(request)).ConfigureAwait(false);
    }

    public async Task<AwsCallResult> GetAsync(Uri uri, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await ReadAsync(await _http.SendAsync(request)).ConfigureAwait(false);
    }

    public void Dispose() => _http.Dispose();

    private static async Task<AwsCallResult> ReadAsync(HttpResponseMessage response)
    {
        using (response)
        {
            string? Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(',', values) : null;
            return new AwsCallResult(response.StatusCode, Header("X-Amzn-ErrorType"), Header("x-amzn-RequestId"), await response.Content.ReadAsStringAsync());
        }
    }
}
