using System.Runtime.InteropServices;

namespace R3mes.Sidecar.Bench.Tools;

/// <summary>Completes on SIGTERM or SIGINT (the process then finishes its own shutdown).</summary>
internal static class UntilStopped
{
    public static async Task WaitAsync()
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        await stopped.Task;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stopped.TrySetResult();
        }
    }
}
