using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Core.Tests.Output;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Core.Tests.Pipeline;

/// <summary>
/// "Never blank": a required secret whose render would leave a file empty is refused and the last good file stays,
/// unless the secret says <c>allow_empty: true</c>; an optional secret may be empty.
/// </summary>
public sealed class EmptyValueRefusalTests : IDisposable
{
    private readonly TempDirectory _dir = TempDirectory.Create();
    private readonly StatusBoard _board = new(TimeProvider.System);
    private readonly SidecarMetrics _metrics;
    private readonly FakeSecretSource _source = new();

    public EmptyValueRefusalTests()
    {
        _metrics = new SidecarMetrics(_board, TimeProvider.System);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task RefreshAsync_RequiredValueBecomesEmpty_RefusedAndLastGoodFileKept()
    {
        var secret = Specs.Secret(_source, [Specs.Field("redis_password", "password"), Specs.Field("redis_user", "user")], name: "redis");
        var refresher = Refresher(secret);
        _source.SetFields(("password", "good-password"), ("user", "redis"));
        await refresher.RefreshAsync(secret, CancellationToken.None);

        _source.SetFields(("password", ""), ("user", "redis-2"));
        var error = await Assert.ThrowsAsync<EmptyValueException>(() => refresher.RefreshAsync(secret, CancellationToken.None));

        Assert.Equal("secret 'redis': redis_password would be empty; refused, the last good file is kept (set allow_empty: true on the secret if an empty value is intended)", Failure.Describe(error));
        Assert.True(Failure.IsTransient(error), "a file caught between truncate and write is worth another try within retry_budget");
        Assert.Equal("good-password", File.ReadAllText(_dir.File("redis_password")));
        Assert.Equal("redis", File.ReadAllText(_dir.File("redis_user")));
    }

    [Fact]
    public async Task RefreshAsync_AllowEmpty_EmptyFileWritten()
    {
        var secret = Specs.Secret(_source, [Specs.Field("feature_flag", "flag")]) with { AllowEmpty = true };
        _source.SetFields(("flag", ""));

        await Refresher(secret).RefreshAsync(secret, CancellationToken.None);

        Assert.Equal(0, new FileInfo(_dir.File("feature_flag")).Length);
    }

    [Fact]
    public async Task RefreshAsync_OptionalSecret_EmptyFileWritten()
    {
        var secret = Specs.Secret(_source, [Specs.Field("feature_flag", "flag")]) with { Required = false };
        _source.SetFields(("flag", ""));

        await Refresher(secret).RefreshAsync(secret, CancellationToken.None);

        Assert.Equal(0, new FileInfo(_dir.File("feature_flag")).Length);
    }

    [Fact]
    public void Render_TemplateAroundAnEmptyField_NotEmptySoWritten()
    {
        var secret = Specs.Secret(_source, [Specs.Template("url", "redis://:{{ password }}@redis")]);
        _source.SetFields(("password", ""));

        var file = Assert.Single(SecretRenderer.Render(secret, _source.Data));

        Assert.Equal("redis://:@redis", file.Content.RevealUtf8());
    }

    private SecretRefresher Refresher(SecretSpec secret) =>
        new(Specs.Plan(_dir.Path, secret), _board, _metrics, NullLogger<SecretRefresher>.Instance);
}
