using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Core.Tests.Output;

public sealed class SecretFileWriterNameTests : IDisposable
{
    private readonly TempDirectory _parent = TempDirectory.Create();
    private readonly string _output;

    public SecretFileWriterNameTests()
    {
        _output = _parent.File("out");
        Directory.CreateDirectory(_output);
    }

    public static TheoryData<string> BadNames => new()
    {
        "../x", "a/b", "/etc/passwd", "a\\b", ".", "..", ".hidden", "..data", "a\0b", "a\nb", "\t", "tab\there", "del\u007f",
        "", new string('a', 256), new string('é', 128),
    };

    public void Dispose() => _parent.Dispose();

    [Theory]
    [MemberData(nameof(BadNames))]
    public void Write_BadName_RefusedAndNothingWritten(string name)
    {
        var writer = new SecretFileWriter(_output);

        Assert.Throws<OutputException>(() => writer.Write(new FileTarget(name, Octal.Mode("600"), null, null), SecretValue.FromUtf8("x")));

        Assert.Empty(Directory.GetFileSystemEntries(_output));
        Assert.Equal(["out"], Directory.GetFileSystemEntries(_parent.Path).Select(Path.GetFileName));
    }
}
