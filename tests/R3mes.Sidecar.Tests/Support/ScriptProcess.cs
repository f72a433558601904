using System.ComponentModel;
using System.Diagnostics;

namespace R3mes.Sidecar.Tests.Support;

/// <summary>A helper process the test starts itself (a consumer the sidecar signals); Dispose kills it and its children.</summary>
internal sealed class ScriptProcess : IDisposable
{
    private readonly Process _process;

    private ScriptProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public static ScriptProcess Start(string path, params string[] args)
    {
        var info = new ProcessStartInfo(path) { UseShellExecute = false, RedirectStandardInput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return new ScriptProcess(Process.Start(info)!);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or Win32Exception)
        {
            // Already gone.
        }

        _process.Dispose();
    }
}
