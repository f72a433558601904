using BenchmarkDotNet.Attributes;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

/// <summary>
/// <c>SecretFileWriter.Write</c> when the file already holds the bytes (every refresh of an unchanged secret): open
/// the directory, read and compare, check mode and owner, write nothing.
/// </summary>
[MemoryDiagnoser]
public class WriteDecisionBenchmarks
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("r3mes-bench-write-");
    private readonly FileTarget _target = new("jwt_secret", (UnixFileMode)0x180, null, null);
    private readonly SecretValue _value = SecretValue.FromUtf8(new string('k', 64));
    private SecretFileWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _writer = new SecretFileWriter(_directory.FullName);
        _writer.Write(_target, _value);
    }

    [Benchmark]
    public WriteOutcome Unchanged() => _writer.Write(_target, _value);

    [GlobalCleanup]
    public void Cleanup() => _directory.Delete(recursive: true);
}
