using R3mes.Sidecar.Fuzz.Tests.Harness;
using R3mes.Sidecar.Fuzz.Tests.Targets;

namespace R3mes.Sidecar.Fuzz.Tests;

/// <summary>
/// Issue 15, standing suite 4: every parser that takes outside input, under a fixed CI budget (a few thousand
/// generated cases per target, fixed seed). Each asserts the run both accepted and refused inputs, so the
/// generator reaches past the first check.
/// </summary>
public sealed class FuzzTests
{
    [Fact]
    public void FileNameRules_AnyName_RefusedOrOnePlainComponent() => Explores(new FileNameTarget(), 4000);

    [Fact]
    public void Templates_AnyText_TypedErrorOrRender_NoValueInErrors() => Explores(new TemplateTarget(), 4000);

    [Fact]
    public void VaultProxyRules_AnyTarget_ForwardedOnlyUnderV1() => Explores(new VaultProxyRuleTarget(), 4000);

    [Fact]
    public void ConfigurationYaml_AnyText_PlanOrConfigurationError() => Explores(new ConfigurationTarget(json: false), 3000);

    [Fact]
    public void ConfigurationJson_AnyText_PlanOrConfigurationError() => Explores(new ConfigurationTarget(json: true), 3000);

    [Fact]
    public void VaultResponses_AnyBody_FieldsOrTypedError_NoValueInErrors() => Explores(new VaultResponseTarget(), 3000);

    [Fact]
    public void AwsResponses_AnyBody_ValueOrTypedError_NoValueInErrors() => Explores(new AwsResponseTarget(), 3000);

    [Fact]
    public void AdmissionReviews_AnyBody_JsonAnswer() => Explores(new AdmissionTarget(), 3000);

    [Fact]
    public void AwsAgentRequests_AnyRequest_ValueOnlyToAuthorizedGet() => Explores(new AgentRequestTarget(), 3000);

    private static void Explores(IFuzzTarget target, int ciCases)
    {
        var tally = FuzzProperty.Check(target, ciCases);
        Assert.True(tally.Accepted > 0 && tally.Refused > 0, $"{target.Name}: {tally.Accepted} accepted, {tally.Refused} refused");
    }
}
