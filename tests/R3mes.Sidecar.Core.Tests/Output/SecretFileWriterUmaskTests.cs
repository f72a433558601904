using System.Collections.Concurrent;
using System.Runtime.Versioning;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Core.Tests.Output;

[Collection(ProcessWideCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class SecretFileWriterUmaskTests : IDisposable
{
    private readonly TempDirectory _dir = TempDirectory.Create();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("000", "600")]
    [InlineData("000", "640")]
    [InlineData("077", "640")]
    [InlineData("277", "440")]
    public void Write_AnyUmask_FinalModeExactlyAsConfigured(string umask, string mode)
    {
        var previous = TestLibc.Umask((uint)Octal.Mode(umask));
        try
        {
            new SecretFileWriter(_dir.Path).Write(new FileTarget("f", Octal.Mode(mode), null, null), SecretValue.FromUtf8("v"));
        }
        finally
        {
            TestLibc.Umask(previous);
        }

        Assert.Equal(Octal.Mode(mode), FileStat.Of(_dir.File("f")).Mode);
    }

    [Fact]
    public void Write_PermissiveUmask_TemporaryFileNeverWiderThanFinalMode()
    {
        var big = new byte[16 << 20];
        var observed = new ConcurrentQueue<UnixFileMode>();
        var done = false;
        var watcher = new Thread(() =>
        {
            while (!Volatile.Read(ref done))
            {
                foreach (var temp in Directory.EnumerateFiles(_dir.Path, ".*"))
                {
                    try
                    {
                        observed.Enqueue(File.GetUnixFileMode(temp));
                    }
                    catch (IOException)
                    {
                        // Renamed away between listing and stat.
                    }
                }
            }
        });
        var previous = TestLibc.Umask(0);
        try
        {
            watcher.Start();
            var writer = new SecretFileWriter(_dir.Path);
            var deadline = System.Diagnostics.Stopwatch.StartNew();
            for (var i = 0; deadline.Elapsed < TimeSpan.FromSeconds(20) && (i < 4 || observed.IsEmpty); i++)
            {
                big[0] = (byte)i;
                writer.Write(new FileTarget("big", Octal.Mode("600"), null, null), SecretValue.FromBytes(big));
            }
        }
        finally
        {
            Volatile.Write(ref done, true);
            TestLibc.Umask(previous);
            watcher.Join();
        }

        Assert.NotEmpty(observed);
        Assert.All(observed, mode => Assert.Equal(UnixFileMode.None, mode & ~Octal.Mode("600")));
        Assert.Equal(Octal.Mode("600"), FileStat.Of(_dir.File("big")).Mode);
    }
}
