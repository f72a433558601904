using Microsoft.Extensions.Logging.Abstractions;
using R3mes.Sidecar.Kubernetes.Configuration;
using R3mes.Sidecar.Kubernetes.Sources;

namespace R3mes.Sidecar.Kubernetes.Tests.Support;

/// <summary>
/// A kubernetes source for <c>r3mes/app</c> on a scripted API (or a real server over HTTP when <c>server</c> is given), a fake clock, a seeded random and a real token file,
/// counting the change notifications its watch sends.
/// </summary>
internal sealed class WatchHarness : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("r3mes-k8s-").FullName;
    private IDisposable? _watch;
    private int _changes;

    public WatchHarness(string reference = "r3mes/app", Uri? server = null, string? token = null, string? caPem = null)
    {
        WriteToken(token ?? "token-1");
        if (caPem is not null)
        {
            File.WriteAllText(CaFile, caPem);
        }

        File.WriteAllText(NamespaceFile, "pod-ns\n");
        Runtime = new KubernetesRuntime(
            () => new KubernetesSettings(server ?? new Uri("http://api.test/"), TokenFile, CaFile, NamespaceFile),
            Time, new Random(7), NullLoggerFactory.Instance, _ => null, server is null ? Api : null);
        Source = new KubernetesSource(Runtime, SecretReference.Parse(reference, out _)!, NullLogger.Instance);
    }

    public ScriptedApi Api { get; } = new();

    public ObservedTime Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public KubernetesRuntime Runtime { get; }

    public KubernetesSource Source { get; }

    public string TokenFile => Path.Combine(_directory, "token");

    public string CaFile => Path.Combine(_directory, "ca.crt");

    public string NamespaceFile => Path.Combine(_directory, "namespace");

    public int Changes => Volatile.Read(ref _changes);

    public void WriteToken(string token) => File.WriteAllText(TokenFile, token + "\n");

    public void StartWatch() => _watch = Source.Watch(() => Interlocked.Increment(ref _changes));

    /// <summary>Waits (real time, bounded) until the watch reported at least <paramref name="count"/> changes.</summary>
    public async Task WaitForChangesAsync(int count)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (Changes < count)
        {
            if (TimeProvider.System.GetElapsedTime(started) > ScriptedApi.Patience)
            {
                Assert.Fail($"{Changes} change notification(s), expected {count}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System);
        }
    }

    /// <summary>The field's value as the source returns it now.</summary>
    public async Task<string> FieldAsync(string key) => (await Source.FetchAsync(default)).Fields[key].RevealUtf8();

    public void Dispose()
    {
        _watch?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
