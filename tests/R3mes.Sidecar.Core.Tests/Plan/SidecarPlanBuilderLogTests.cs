using Microsoft.Extensions.Logging;
using R3mes.Sidecar.Core.Tests.Configuration;
using R3mes.Sidecar.Plan;

namespace R3mes.Sidecar.Core.Tests.Plan;

/// <summary>
/// <c>log:</c> is read once: the composition root reads it to set up logging before the plan and hands it to the
/// builder, which takes it as read instead of reading the section again.
/// </summary>
public sealed class SidecarPlanBuilderLogTests
{
    private const string Yaml = """
        log: { level: debug, format: json }
        secrets:
          - name: jwt
            source: { file: docker/secrets/jwt_secret.txt }
            files: { jwt_secret: {} }
        """;

    [Fact]
    public void Build_WithoutLog_ReadsTheSection()
    {
        using var fixture = new PlanFixture();

        Assert.Equal(new LogSpec(LogLevel.Debug, Json: true), fixture.Build(Yaml).Log);
    }

    [Fact]
    public void Build_WithTheLogAlreadyRead_TakesIt()
    {
        using var fixture = new PlanFixture();
        var read = new LogSpec(LogLevel.Warning, Json: false);

        var plan = fixture.Builder.Build(YamlText.FromFile(Yaml, fixture.ConfigDirectory), fixture.ConfigDirectory, read);

        Assert.Same(read, plan.Log);
    }
}
