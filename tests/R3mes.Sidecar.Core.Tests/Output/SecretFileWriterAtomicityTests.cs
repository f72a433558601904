using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Core.Tests.Output;

public sealed class SecretFileWriterAtomicityTests : IDisposable
{
    private readonly TempDirectory _dir = TempDirectory.Create();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Write_AlternatingContents_ReaderAlwaysSeesOneWholeVersion()
    {
        var first = Enumerable.Repeat((byte)'a', 64 * 1024).ToArray();
        var second = Enumerable.Repeat((byte)'b', 100 * 1024).ToArray();
        var target = new FileTarget("ssl_certificate", Octal.Mode("644"), null, null);
        var writer = new SecretFileWriter(_dir.Path);
        writer.Write(target, SecretValue.FromBytes(first));
        var path = _dir.File("ssl_certificate");
        var done = false;
        var reads = 0;
        string? torn = null;

        var reader = new Thread(() =>
        {
            while (!Volatile.Read(ref done) && torn is null)
            {
                try
                {
                    var bytes = File.ReadAllBytes(path);
                    if (!bytes.AsSpan().SequenceEqual(first) && !bytes.AsSpan().SequenceEqual(second))
                    {
                        torn = $"read {bytes.Length} bytes that are neither version";
                    }
                }
                catch (FileNotFoundException)
                {
                    torn = "the file was missing";
                }

                reads++;
            }
        });
        reader.Start();
        for (var i = 0; i < 1000 && torn is null; i++)
        {
            Assert.Equal(WriteOutcome.Written, writer.Write(target, SecretValue.FromBytes(i % 2 == 0 ? second : first)));
        }

        Volatile.Write(ref done, true);
        Assert.True(reader.Join(TimeSpan.FromSeconds(30)), "the reader did not stop");
        Assert.Null(torn);
        Assert.True(reads > 100, $"the reader only managed {reads} reads");
        Assert.Equal(first, File.ReadAllBytes(path));
        Assert.Empty(_dir.HiddenEntries());
    }
}
