namespace R3mes.Sidecar.Fuzz.Tests.Harness;

/// <summary>What a run did: executions, how many inputs were accepted or refused, and crashes (0 or 1: the run stops).</summary>
internal sealed class FuzzTally(string target)
{
    private int _accepted;
    private int _refused;

    public string Target { get; } = target;

    public int Accepted => _accepted;

    public int Refused => _refused;

    public int Executions => _accepted + _refused + Crashes;

    public int Crashes { get; set; }

    public void Count(FuzzOutcome outcome)
    {
        if (outcome == FuzzOutcome.Accepted)
        {
            Interlocked.Increment(ref _accepted);
        }
        else
        {
            Interlocked.Increment(ref _refused);
        }
    }
}
