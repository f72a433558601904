using System.Net;
using System.Text;
using R3mes.Sidecar.Injector.Tests.Support;

namespace R3mes.Sidecar.Injector.Tests.Webhook;

/// <summary>A body that is not an AdmissionReview is answered 400 with a JSON Status; wrong paths 404, never a crash.</summary>
public sealed class MalformedBodyTests : IAsyncLifetime
{
    private WebhookServer _server = null!;

    public async Task InitializeAsync() => _server = await WebhookServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1beta1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\"}}")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"\"}}")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":42}}")]
    [InlineData("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":\"x\"}")]
    public async Task AMalformedReview_IsAnswered400WithAJsonStatus(string body)
    {
        var (status, json, text) = await _server.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(json);
        Assert.Equal("Status", json["kind"]!.GetValue<string>());
        Assert.Equal(400, json["code"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(json["message"]!.GetValue<string>()), text);
    }

    [Fact]
    public async Task ADeeplyNestedBody_IsAnswered400NotAStackOverflow()
    {
        var body = new StringBuilder("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\",\"object\":");
        body.Append('[', 100_000).Append(']', 100_000).Append("}}");

        var (status, json, _) = await _server.PostAsync(body.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotNull(json);
    }

    [Fact]
    public async Task ABodyOverTheLimit_IsRefusedWithJson_BeforeItIsSent()
    {
        // Only the headers: the server answers from Content-Length without reading (or waiting for) the body.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_server.Address.Host, _server.Address.Port);
        using var tls = new System.Net.Security.SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("127.0.0.1");
        await tls.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /mutate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 5242880\r\n\r\n"));
        await tls.FlushAsync();

        using var reader = new StreamReader(tls, Encoding.UTF8);
        var statusLine = await reader.ReadLineAsync();
        string? line;
        var length = 0;
        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = new char[length];
        await reader.ReadBlockAsync(body);

        Assert.StartsWith("HTTP/1.1 413", statusLine, StringComparison.Ordinal);
        Assert.Equal(413, System.Text.Json.Nodes.JsonNode.Parse(new string(body))!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task OtherPathsAndMethods_Are404Json_AndHealthzAnswers()
    {
        using var get = await _server.Client.GetAsync("/mutate");
        using var other = await _server.Client.GetAsync("/admin");
        using var health = await _server.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal("application/json", get.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok\n", await health.Content.ReadAsStringAsync());
    }
}
