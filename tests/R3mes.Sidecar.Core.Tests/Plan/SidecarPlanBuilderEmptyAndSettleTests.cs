using R3mes.Sidecar.Sources.Files;

namespace R3mes.Sidecar.Core.Tests.Plan;

/// <summary><c>allow_empty</c> on a secret and <c>settle</c> on a file source: defaults, values, and errors by key.</summary>
public sealed class SidecarPlanBuilderEmptyAndSettleTests : IDisposable
{
    private readonly PlanFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public void Build_AllowEmptyAndSettle_ReadIntoThePlan()
    {
        var plan = _fixture.Build("""
            secrets:
              - { name: a, source: { file: docker/secrets }, files: { jwt_secret: {} } }
              - { name: b, source: { file: docker/secrets/jwt_secret.txt, settle: 50ms }, files: { b: {} }, allow_empty: true }
            """);

        Assert.False(plan.Secrets[0].AllowEmpty);
        Assert.True(plan.Secrets[1].AllowEmpty);
        Assert.Equal(FileSourceFactory.DefaultSettle, Assert.IsType<FileSource>(plan.Secrets[0].Source).Settle);
        Assert.Equal(TimeSpan.FromMilliseconds(50), Assert.IsType<FileSource>(plan.Secrets[1].Source).Settle);
    }

    [Fact]
    public void Build_AllowEmptyNotABoolean_PathValueAndMeaning() =>
        Assert.Equal(
            ["secrets[0].allow_empty: 'yes please' is not true or false (allow_empty: true lets this secret write an empty file; by default an empty value is refused and the last good file kept)"],
            _fixture.Errors("secrets: [ { name: a, source: { file: docker/secrets }, files: { jwt_secret: {} }, allow_empty: yes please } ]"));

    [Theory]
    [InlineData("soon", "secrets[0].source.settle: 'soon' is not a duration: write a number with a unit, e.g. 500ms, 90s, 5m, 1h, 1h30m, 2d")]
    [InlineData("1m", "secrets[0].source.settle: '1m' is too long: at most 10s (a change waits this long before it is read; the default is 200ms)")]
    public void Build_BadSettle_PathValueAndHelp(string settle, string error) =>
        Assert.Equal(
            [error],
            _fixture.Errors($"secrets: [ {{ name: a, source: {{ file: docker/secrets, settle: {settle} }}, files: {{ jwt_secret: {{}} }} }} ]"));
}
