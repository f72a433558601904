using System.Diagnostics;

namespace R3mes.Sidecar.Vault.Emulator.Postgres;

/// <summary>
/// Runs a PostgreSQL binary to completion. PostgreSQL refuses to run as root, so as root the command runs as the
/// <c>postgres</c> user through <c>runuser</c> (or <c>su</c> when runuser is missing).
/// </summary>
internal static class PostgresCommand
{
    /// <summary>The effective uid is 0 (second field of <c>Uid:</c> in /proc/self/status).</summary>
    public static bool IsRoot { get; } = File.ReadLines("/proc/self/status")
        .FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?
        .Split('\t', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2) == "0";

    public static async Task<string> RunAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout, bool asPostgres = true)
    {
        var start = StartInfo(file, arguments, asPostgres && IsRoot);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        using var cancel = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} did not finish within {timeout.TotalSeconds:0} s");
        }

        var output = await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {output}");
        }

        return output;
    }

    private static ProcessStartInfo StartInfo(string file, IReadOnlyList<string> arguments, bool asPostgres)
    {
        if (!asPostgres)
        {
            var direct = new ProcessStartInfo(file);
            foreach (var argument in arguments)
            {
                direct.ArgumentList.Add(argument);
            }

            return direct;
        }

        if (File.Exists("/usr/sbin/runuser") || File.Exists("/sbin/runuser"))
        {
            var runuser = new ProcessStartInfo(File.Exists("/usr/sbin/runuser") ? "/usr/sbin/runuser" : "/sbin/runuser");
            foreach (var argument in (string[])["-u", "postgres", "--", file, .. arguments])
            {
                runuser.ArgumentList.Add(argument);
            }

            return runuser;
        }

        var su = new ProcessStartInfo("su");
        foreach (var argument in (string[])["postgres", "-s", "/bin/sh", "-c", string.Join(' ', new[] { file }.Concat(arguments).Select(Quote))])
        {
            su.ArgumentList.Add(argument);
        }

        return su;
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
