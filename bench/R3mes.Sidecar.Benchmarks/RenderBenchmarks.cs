using BenchmarkDotNet.Attributes;
using R3mes.Sidecar.Pipeline;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Templates;

/// <summary><c>SecretRenderer.Render</c>: one secret with a URL template (two filtered holes) and two field files.</summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private readonly SecretSpec _spec = new(
        "database",
        new NoSource(),
        Key: null,
        [
            new FileSpec("postgres_user", new FileContent(null, "postgres_user", false), (UnixFileMode)0x180, null, null),
            new FileSpec("postgres_password", new FileContent(null, "postgres_password", false), (UnixFileMode)0x180, null, null),
            new FileSpec("database_url", new FileContent(SecretTemplate.Parse("postgresql://{{ postgres_user | url }}:{{ postgres_password | url }}@postgres:5432/r3mes"), null, false), (UnixFileMode)0x180, null, null),
        ],
        OnChange: [],
        UpdatePolicy.Always,
        Required: true,
        Refresh: TimeSpan.FromMinutes(5));

    private readonly SecretData _data = new(null, new Dictionary<string, SecretValue>(StringComparer.Ordinal)
    {
        ["postgres_user"] = SecretValue.FromUtf8("v-approle-backend-Xk3j9"),
        ["postgres_password"] = SecretValue.FromUtf8("A1a-q8Zf/p+Yt3s@wK0!9rLm"),
    }, Freshness.Unknown);

    [Benchmark]
    public int Render() => SecretRenderer.Render(_spec, _data).Count;
}
