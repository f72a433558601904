using System.Diagnostics;
using System.Text;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Leases;

/// <summary>
/// <c>examples/backend</c> as a real process: a PostgreSQL pool on the credential files the sidecar writes, rebuilt on
/// change or SIGHUP, and <c>GET /query</c> through it. The solution build (test.sh) builds it.
/// </summary>
internal sealed class BackendProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly HttpClient _http;

    private BackendProcess(Process process, int port)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private string State => _process.HasExited ? $"backend exited with {_process.ExitCode}" : "backend still running, not answering /query";

    public static async Task<BackendProcess> StartAsync(string secretsDirectory, int postgresPort, string pidFile)
    {
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Assembly(), "--urls", $"http://127.0.0.1:{port}", "--secrets-dir", secretsDirectory, "--pg-port", $"{postgresPort}", "--pidfile", pidFile })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Logging__LogLevel__Default"] = "Information";
        // Not ASP.NET Core's five lines per request: the lease soak's million queries made them hundreds of MB of output
        // (held by this process) and a CPU cost that slowed the Vault emulator beside it.
        info.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        info.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        info.Environment["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";
        var backend = new BackendProcess(Process.Start(info)!, port);
        // A cold `dotnet` start next to other process tests on 2 cores can take a while; say whether it even ran.
        await Eventually.Until(async () => (await backend.QueryAsync()).Ok, TimeSpan.FromSeconds(60), () => backend.State + "\n" + backend.Output);
        return backend;
    }

    /// <summary>One <c>GET /query</c>: whether it answered 200, and the body (the database user, or the failure).</summary>
    public async Task<(bool Ok, string Body)> QueryAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("query", UriKind.Relative));
            return (response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (false, e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string Assembly()
    {
        var configuration = AppContext.BaseDirectory.Contains("/Debug/", StringComparison.Ordinal) ? "Debug" : "Release";
        var path = Path.Combine(RepositoryRoot.Path, "examples", "backend", "bin", configuration, "net10.0", "R3mes.Backend.Example.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"examples/backend is not built ({path}): build the solution (./test.sh does)", path);
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
