using System.Diagnostics;

namespace R3mes.Sidecar.Actions;

/// <summary>
/// A real bash child that records the SIGHUPs it receives in <see cref="HangupLog"/> and writes its pid to
/// <see cref="PidFile"/> (atomically, after the trap is set, so a pid on disk means the child is ready). The sleep
/// runs in the background and bash waits for it, so the trap runs as soon as the signal arrives. Killed with its
/// children on dispose.
/// </summary>
internal sealed class ChildScript : IDisposable
{
    private const string Script = """
        trap 'echo hup >> "$HUP_LOG"' HUP
        echo $$ > "$PID_FILE.tmp" && mv "$PID_FILE.tmp" "$PID_FILE"
        while :; do sleep 0.05 & wait $!; done
        """;

    private readonly Process _process;

    private ChildScript(TestDirectory directory, string? programName)
    {
        PidFile = directory.File("child.pid");
        HangupLog = directory.File("hangups");
        var scriptFile = directory.File("child.sh");
        File.WriteAllText(scriptFile, Script);
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(programName is null ? "exec bash \"$SCRIPT\"" : $"exec -a {programName} bash \"$SCRIPT\"");
        start.Environment["SCRIPT"] = scriptFile;
        start.Environment["PID_FILE"] = PidFile;
        start.Environment["HUP_LOG"] = HangupLog;
        _process = Process.Start(start)!;
    }

    public string PidFile { get; }

    public string HangupLog { get; }

    public int Pid => _process.Id;

    public int Hangups => File.Exists(HangupLog) ? File.ReadAllLines(HangupLog).Length : 0;

    /// <summary>Starts the child; with <paramref name="programName"/> its argv[0] is that name (comm stays bash).</summary>
    public static async Task<ChildScript> StartAsync(TestDirectory directory, string? programName = null)
    {
        var child = new ChildScript(directory, programName);
        Assert.True(await Eventually.TrueAsync(() => ProcessState.ReadPid(child.PidFile) == child.Pid), "the child never became ready");
        return child;
    }

    public void Dispose()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }
}
