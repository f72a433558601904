using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Core.Tests.Output;

/// <summary>
/// Writes that fail after the temporary file exists. CI runs as root, for whom chown and rename always succeed,
/// so the writer runs on a thread with an unprivileged file system uid: a sidecar that may not chown or replace.
/// </summary>
public sealed class SecretFileWriterFailureTests : IDisposable
{
    private const uint App = 1234;
    private readonly TempDirectory _root = TempDirectory.Create();
    private readonly string _output;

    public SecretFileWriterFailureTests()
    {
        Octal.Chmod(_root.Path, "755");
        _output = _root.File("out");
        Directory.CreateDirectory(_output);
    }

    private string Existing => Path.Combine(_output, "postgres_password");

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Write_ChownNotPermitted_PreviousFileKeptAndNoTemporaryFile()
    {
        Tool.Run("/usr/bin/chown", $"{App}:{App}", _output);
        Octal.Chmod(_output, "700");
        File.WriteAllText(Existing, "old-password");
        Tool.Run("/usr/bin/chown", $"{App}:{App}", Existing);
        var before = FileStat.Of(Existing);

        var error = UnprivilegedThread.Run(App, App, () => Record.Exception(() =>
            new SecretFileWriter(_output).Write(new FileTarget("postgres_password", Octal.Mode("600"), 0, 0), SecretValue.FromUtf8("new-password"))));

        var output = Assert.IsType<OutputException>(error);
        Assert.Contains("the previous file is kept", output.Message, StringComparison.Ordinal);
        Assert.Contains("fchown", output.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("new-password", output.Message, StringComparison.Ordinal);
        Assert.Equal("old-password", File.ReadAllText(Existing));
        Assert.Equal(before, FileStat.Of(Existing));
        Assert.Equal(["postgres_password"], Directory.GetFileSystemEntries(_output).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_RenameNotPermitted_PreviousFileKeptAndNoTemporaryFile()
    {
        // A sticky, world-writable directory: anyone may create, only the owner may replace root's file.
        Octal.Chmod(_output, "1777");
        File.WriteAllText(Existing, "old-password");
        Octal.Chmod(Existing, "644");
        var before = FileStat.Of(Existing);

        var error = UnprivilegedThread.Run(App, App, () => Record.Exception(() =>
            new SecretFileWriter(_output).Write(new FileTarget("postgres_password", Octal.Mode("600"), null, null), SecretValue.FromUtf8("new-password"))));

        var output = Assert.IsType<OutputException>(error);
        Assert.Contains("the previous file is kept", output.Message, StringComparison.Ordinal);
        Assert.Contains("rename", output.Message, StringComparison.Ordinal);
        Assert.Equal("old-password", File.ReadAllText(Existing));
        Assert.Equal(before, FileStat.Of(Existing));
        Assert.Equal(["postgres_password"], Directory.GetFileSystemEntries(_output).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_SameBytesChownNotPermitted_OutputExceptionAndFileKept()
    {
        Tool.Run("/usr/bin/chown", $"{App}:{App}", _output);
        File.WriteAllText(Existing, "same");
        Tool.Run("/usr/bin/chown", $"{App}:{App}", Existing);
        Octal.Chmod(Existing, "600");

        var error = UnprivilegedThread.Run(App, App, () => Record.Exception(() =>
            new SecretFileWriter(_output).Write(new FileTarget("postgres_password", Octal.Mode("600"), 0, 0), SecretValue.FromUtf8("same"))));

        var output = Assert.IsType<OutputException>(error);
        Assert.Contains("postgres_password", output.Message, StringComparison.Ordinal);
        Assert.Equal("same", File.ReadAllText(Existing));
        Assert.Equal($"{App}:{App}", FileStat.Of(Existing).Owner);
    }

    [Fact]
    public void Write_ExistingFileUnreadable_OutputExceptionAndFileKept()
    {
        Tool.Run("/usr/bin/chown", $"{App}:{App}", _output);
        File.WriteAllText(Existing, "root-only");
        Octal.Chmod(Existing, "600");

        var error = UnprivilegedThread.Run(App, App, () => Record.Exception(() =>
            new SecretFileWriter(_output).Write(new FileTarget("postgres_password", Octal.Mode("600"), null, null), SecretValue.FromUtf8("new"))));

        var output = Assert.IsType<OutputException>(error);
        Assert.Contains("cannot open existing postgres_password", output.Message, StringComparison.Ordinal);
        Assert.Equal("root-only", File.ReadAllText(Existing));
    }
}
