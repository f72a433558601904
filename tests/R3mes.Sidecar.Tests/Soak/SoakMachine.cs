using System.Globalization;

namespace R3mes.Sidecar.Tests.Soak;

/// <summary>Where and when a soak ran: the machine, its load at the start and the end, the commit and the binary.</summary>
internal sealed record SoakMachine(DateTimeOffset Started, string Description, string Commit, string Binary, string LoadAtStart, string LoadAtEnd)
{
    public static SoakMachine Now(DateTimeOffset started, string binary) => new(
        started,
        string.Create(CultureInfo.InvariantCulture, $"Linux {Read("/proc/sys/kernel/osrelease")} {System.Runtime.InteropServices.RuntimeInformation.OSArchitecture}, {Environment.ProcessorCount} cores"),
        Environment.GetEnvironmentVariable("R3MES_SOAK_COMMIT") ?? "(R3MES_SOAK_COMMIT unset)",
        binary,
        Load(),
        "");

    public SoakMachine Ended() => this with { LoadAtEnd = Load() };

    private static string Load() => string.Join(' ', Read("/proc/loadavg").Split(' ').Take(3));

    private static string Read(string path) => File.Exists(path) ? File.ReadAllText(path).Trim() : "?";
}
