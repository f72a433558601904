using System.Globalization;

namespace R3mes.Sidecar.Fuzz.Tests.Harness;

/// <summary>
/// How many cases each target runs and from which seed. CI runs the defaults (a fixed seed, so a failure reproduces
/// byte for byte); <c>bench/fuzz.sh</c> raises <c>R3MES_FUZZ_CASES</c> and picks a fresh <c>R3MES_FUZZ_SEED</c>.
/// <c>R3MES_FUZZ_REPORT</c> names a file that receives one line per target (executions, refusals, crashes, time).
/// </summary>
internal static class FuzzBudget
{
    public const ulong DefaultSeed = 20261215;

    /// <summary>The cases for a target whose CI budget is <paramref name="ciCases"/>, times <c>R3MES_FUZZ_SCALE</c>.</summary>
    public static int Cases(int ciCases)
    {
        var scale = Environment.GetEnvironmentVariable("R3MES_FUZZ_SCALE");
        return scale is null ? ciCases : checked(ciCases * int.Parse(scale, CultureInfo.InvariantCulture));
    }

    public static ulong Seed
    {
        get
        {
            var text = Environment.GetEnvironmentVariable("R3MES_FUZZ_SEED");
            return text is null ? DefaultSeed : ulong.Parse(text, CultureInfo.InvariantCulture);
        }
    }

    public static string? ReportPath => Environment.GetEnvironmentVariable("R3MES_FUZZ_REPORT");

    /// <summary>How long one case may take before it counts as a hang.</summary>
    public static TimeSpan CaseDeadline { get; } = TimeSpan.FromSeconds(20);
}
