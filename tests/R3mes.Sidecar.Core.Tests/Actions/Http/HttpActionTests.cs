using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace R3mes.Sidecar.Actions.Http;

/// <summary>HTTP actions made from configuration by the factory registered in DI, against a real loopback server.</summary>
public sealed class HttpActionTests : IAsyncDisposable
{
    private const string HeaderCanary = "Bearer canary-header-5d1e";
    private const string BodyCanary = "canary-body-8b2f";
    private readonly LoopbackHttpServer _server = new();
    private readonly FakeTimeProvider _time = new();
    private readonly RecordingLoggerProvider _logs = new();
    private readonly ServiceProvider _services;

    public HttpActionTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<ILoggerProvider>(_logs);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace));
        _services = services.AddSidecarCore().Services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task RunAsync_Endpoint2xx_SendsPostWithHeadersChangedNamesAndEmptyBody()
    {
        _server.Status = 204;
        var action = Action(("url", _server.Url("/api/reload")), ("headers:Authorization", HeaderCanary));

        await action.RunAsync(new ActionRun("grafana", ["ssl_certificate", "ssl_private_key"], 1), CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("ssl_certificate,ssl_private_key", request.Headers[HttpAction.ChangedHeader]);
        Assert.Equal(HeaderCanary, request.Headers["Authorization"]);
        Assert.Empty(request.Body);
    }

    [Fact]
    public async Task RunAsync_ConfiguredMethod_IsUsed()
    {
        var action = Action(("url", _server.Url("/reload")), ("method", "put"));

        await action.RunAsync(new ActionRun("grafana", ["a"], 1), CancellationToken.None);

        Assert.Equal("PUT", Assert.Single(_server.Requests).Method);
    }

    [Fact]
    public async Task RunAsync_NamesWithSpaceCommaOrNonAscii_ArePercentEncoded()
    {
        var action = Action(("url", _server.Url("/reload")));

        await action.RunAsync(new ActionRun("grafana", ["db password", "a,b", "clé"], 1), CancellationToken.None);

        Assert.Equal("db%20password,a%2Cb,cl%C3%A9", Assert.Single(_server.Requests).Headers[HttpAction.ChangedHeader]);
    }

    [Fact]
    public async Task RunAsync_Endpoint500_FailsWithStatusButNoBodyOrHeaderValue()
    {
        _server.Status = 500;
        _server.Body = BodyCanary;
        var action = Action(("url", _server.Url("/reload?token=canary-query-0c4d")), ("headers:Authorization", HeaderCanary));

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => action.RunAsync(new ActionRun("grafana", ["a"], 1), CancellationToken.None));

        Assert.Equal($"http POST {_server.Url("/reload")}?... answered 500, expected 2xx", e.Message);
        Assert.Contains("answered 500", _logs.All, StringComparison.Ordinal);
        foreach (var canary in new[] { BodyCanary, HeaderCanary, "canary-query-0c4d" })
        {
            Assert.DoesNotContain(canary, _logs.All, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, e.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunAsync_Redirect_IsNotFollowed()
    {
        _server.Status = 302;
        var action = Action(("url", _server.Url("/reload")));

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => action.RunAsync(new ActionRun("grafana", ["a"], 1), CancellationToken.None));

        Assert.Contains("answered 302", e.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task RunAsync_NoAnswerWithinTimeout_Fails()
    {
        _server.Hold = true;
        var action = Action(("url", _server.Url("/reload")), ("timeout", "3s"));

        var run = action.RunAsync(new ActionRun("grafana", ["a"], 1), CancellationToken.None);
        Assert.True(await Eventually.TrueAsync(() => !_server.Requests.IsEmpty), "the request never arrived");
        _time.Advance(TimeSpan.FromSeconds(3));

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => run);
        Assert.Equal($"http POST {_server.Url("/reload")} got no answer within its timeout of 3s", e.Message);
    }

    [Fact]
    public async Task RunAsync_NothingListening_FailsWithReason()
    {
        var url = _server.Url("/reload");
        await _server.DisposeAsync();
        var action = Action(("url", url));

        var e = await Assert.ThrowsAsync<ActionFailedException>(() => action.RunAsync(new ActionRun("grafana", ["a"], 1), CancellationToken.None));

        Assert.StartsWith($"http POST {url} failed: ", e.Message, StringComparison.Ordinal);
    }

    private IReloadAction Action(params (string Key, string? Value)[] http)
    {
        var factory = _services.GetServices<IReloadActionFactory>().Single(f => f.Kind == "http");
        var context = ActionConfig.Context("grafana", http.Select(h => ($"http:{h.Key}", h.Value)).ToArray());
        var action = factory.Create(context);
        Assert.Empty(context.Errors.All);
        return action!;
    }
}
