using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace R3mes.Sidecar.Vault.Tests.Emulator;

/// <summary>Raw HTTP against the emulator, as a Vault client would send it.</summary>
internal static class EmulatorHttp
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(Uri address, HttpMethod method, string path, string? token, string? body = null)
    {
        using var http = new HttpClient { BaseAddress = address };
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Add("X-Vault-Token", token);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public static async Task<JsonNode> OkAsync(Uri address, HttpMethod method, string path, string? token, string? body = null)
    {
        var (status, json) = await SendAsync(address, method, path, token, body);
        Assert.True(status == HttpStatusCode.OK, $"{method} {path}: {(int)status} {json?.ToJsonString()}");
        return json!;
    }

    public static async Task NoContentAsync(Uri address, string path, string? token, string body)
    {
        var (status, json) = await SendAsync(address, HttpMethod.Post, path, token, body);
        Assert.True(status == HttpStatusCode.NoContent, $"POST {path}: {(int)status} {json?.ToJsonString()}");
    }
}
