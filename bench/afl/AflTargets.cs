using R3mes.Sidecar.Fuzz.Tests.Harness;
using R3mes.Sidecar.Fuzz.Tests.Targets;

namespace R3mes.Sidecar.Afl;

/// <summary>
/// The fuzz targets of tests/R3mes.Sidecar.Fuzz.Tests by the short name afl.sh uses for their corpus and output
/// folders: the same objects the FsCheck properties run, so both halves judge an input alike.
/// </summary>
internal static class AflTargets
{
    public static IReadOnlyDictionary<string, Func<IFuzzTarget>> All { get; } = new Dictionary<string, Func<IFuzzTarget>>(StringComparer.Ordinal)
    {
        ["file-names"] = () => new FileNameTarget(),
        ["templates"] = () => new TemplateTarget(),
        ["vault-proxy"] = () => new VaultProxyRuleTarget(),
        ["config-yaml"] = () => new ConfigurationTarget(json: false),
        ["config-json"] = () => new ConfigurationTarget(json: true),
        ["vault-responses"] = () => new VaultResponseTarget(),
        ["aws-responses"] = () => new AwsResponseTarget(),
        ["admission"] = () => new AdmissionTarget(),
        ["aws-agent"] = () => new AgentRequestTarget(),
    };
}
