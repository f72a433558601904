using Microsoft.Extensions.Logging.Abstractions;

namespace R3mes.Sidecar.Actions.Http;

public sealed class HttpActionFactoryTests : IDisposable
{
    private readonly HttpActionFactory _factory = new(TimeProvider.System, NullLoggerFactory.Instance);

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void Create_UrlOnly_DefaultsToPostAnd10Seconds()
    {
        var context = ActionConfig.Context("grafana", ("http:url", "http://127.0.0.1:3000/api/admin/provisioning/datasources/reload"));

        var action = _factory.Create(context);

        Assert.Empty(context.Errors.All);
        Assert.Equal("http POST http://127.0.0.1:3000/api/admin/provisioning/datasources/reload, timeout 10s", action!.Description);
    }

    [Fact]
    public void Create_UrlWithQuery_DescriptionHidesTheQuery()
    {
        var context = ActionConfig.Context("grafana", ("http:url", "https://grafana:3000/reload?token=abc"), ("http:method", "get"), ("http:timeout", "2s"));

        var action = _factory.Create(context);

        Assert.Equal("http GET https://grafana:3000/reload?..., timeout 2s", action!.Description);
    }

    [Theory]
    [InlineData("/api/reload")]
    [InlineData("ftp://127.0.0.1/reload")]
    [InlineData("127.0.0.1:3000/reload")]
    [InlineData("not a url")]
    public void Create_NotAnAbsoluteHttpUrl_NamesPathAndValue(string url)
    {
        var context = ActionConfig.Context("grafana", ("http:url", url));

        Assert.Null(_factory.Create(context));

        var error = Assert.Single(context.Errors.All);
        Assert.Equal("actions.grafana.http.url", error.Path);
        Assert.StartsWith($"'{url}' is not an absolute http or https URL: e.g. url: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_MissingUrl_IsAnError()
    {
        var context = ActionConfig.Context("grafana", ("http:method", "POST"));

        Assert.Null(_factory.Create(context));

        Assert.StartsWith("actions.grafana.http.url: say which URL to call", ActionConfig.Errors(context), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_HttpIsAString_IsAnError()
    {
        var context = ActionConfig.Context("grafana", ("http", "http://127.0.0.1:3000/reload"));

        Assert.Null(_factory.Create(context));

        Assert.StartsWith("actions.grafana.http: must be a mapping with at least url", ActionConfig.Errors(context), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CredentialsInUrl_AreRefusedWithoutEchoingThem()
    {
        var context = ActionConfig.Context("grafana", ("http:url", "http://admin:hunter2@127.0.0.1:3000/reload"));

        Assert.Null(_factory.Create(context));

        Assert.StartsWith("actions.grafana.http.url: must not carry credentials", ActionConfig.Errors(context), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ActionConfig.Errors(context), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownMethod_SuggestsAKnownOne()
    {
        var context = ActionConfig.Context("grafana", ("http:url", "http://127.0.0.1/reload"), ("http:method", "POSTT"));

        Assert.Null(_factory.Create(context));

        Assert.StartsWith("actions.grafana.http.method: unknown method 'POSTT' (did you mean 'POST'?", ActionConfig.Errors(context), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_HeaderValueWithLineBreak_NamesTheHeaderNotTheValue()
    {
        var context = ActionConfig.Context("grafana", ("http:url", "http://127.0.0.1/reload"), ("http:headers:Authorization", "Bearer s3cret\r\nX-Evil: 1"));

        Assert.Null(_factory.Create(context));

        var error = Assert.Single(context.Errors.All);
        Assert.Equal("actions.grafana.http.headers.Authorization", error.Path);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-R3mes-Changed", "is set by the sidecar")]
    [InlineData("Content-Type", "is not a request header that can be set here")]
    [InlineData("Bad Header", "is not a request header that can be set here")]
    public void Create_HeaderThatCannotBeSet_IsAnError(string name, string expected)
    {
        var context = ActionConfig.Context("grafana", ("http:url", "http://127.0.0.1/reload"), ($"http:headers:{name}", "x"));

        Assert.Null(_factory.Create(context));

        var error = Assert.Single(context.Errors.All);
        Assert.Equal($"actions.grafana.http.headers.{name}", error.Path);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_HeadersIsAString_IsAnErrorWithoutTheValue()
    {
        var context = ActionConfig.Context("grafana", ("http:url", "http://127.0.0.1/reload"), ("http:headers", "Authorization: Bearer s3cret"));

        Assert.Null(_factory.Create(context));

        var error = Assert.Single(context.Errors.All);
        Assert.Equal("actions.grafana.http.headers", error.Path);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownKeyInHttp_IsAnError()
    {
        var context = ActionConfig.Context("grafana", ("http:url", "http://127.0.0.1/reload"), ("http:timout", "5s"));

        _factory.Create(context);

        Assert.StartsWith("actions.grafana.http.timout: unknown key 'timout' (did you mean 'timeout'?", ActionConfig.Errors(context), StringComparison.Ordinal);
    }
}
