using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Operator;

/// <summary>
/// A project directory for the <c>secrets</c> commands: the binary runs with it as working directory, so the
/// default <c>docker/secrets</c> lands inside it. Every run's output is kept for the canary scan.
/// </summary>
internal sealed class OperatorWorkspace : IDisposable
{
    private readonly TempWorkspace _workspace = new();
    private readonly List<string> _transcripts = [];

    public string Root => _workspace.Root;

    public string SecretsDir => PathOf("docker/secrets");

    public string AllOutput => string.Join("\n", _transcripts);

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Secret(string fileName) => File.ReadAllText(Path.Combine(SecretsDir, fileName));

    public byte[] SecretBytes(string fileName) => File.ReadAllBytes(Path.Combine(SecretsDir, fileName));

    /// <summary>Every regular file of the secrets directory and its bytes.</summary>
    public Dictionary<string, byte[]> Snapshot(string? directory = null) =>
        Directory.EnumerateFiles(directory ?? SecretsDir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes, StringComparer.Ordinal);

    public async Task<SidecarProcess> RunAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var process = SidecarProcess.Start(args, environment, Root);
        await process.WaitForExitAsync(SidecarProcess.ExitTimeout);
        _transcripts.Add(process.Transcript);
        return process;
    }

    public Task<SidecarProcess> RunAsync(params string[] args) => RunAsync(null, args);

    public void Dispose() => _workspace.Dispose();
}
