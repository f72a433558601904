using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Tests.Support;

namespace R3mes.Sidecar.Tests.Security;

/// <summary>
/// Red-team finding (issue 15, "a device node is opened before its type is checked"): the writer opened whatever
/// sat at a target (non-blocking, no-follow) and only then asked fstat what it was. Opening a device node can act on
/// the device, and opening a FIFO makes the sidecar a reader of what the app writes. The type is now checked by
/// name first; inotify's IN_OPEN, which the kernel reports for any open of any file, shows nothing was opened.
/// </summary>
public sealed class DeviceNodeOpenedBeforeTypeCheckTests
{
    private static readonly FileTarget Target = new("tls_key", UnixFileMode.UserRead | UnixFileMode.UserWrite, null, null);

    [Fact]
    public void Write_FifoAtTarget_RefusedWithoutOpeningIt()
    {
        using var workspace = new TempWorkspace();
        var fifo = workspace.OutputFile(Target.Name);
        SpecialFiles.Fifo(fifo);

        AssertRefusedUnopened(workspace, fifo);
    }

    [Fact]
    public void Write_CharacterDeviceAtTarget_RefusedWithoutOpeningIt()
    {
        using var workspace = new TempWorkspace();
        var device = workspace.OutputFile(Target.Name);
        SpecialFiles.NullDevice(device);

        AssertRefusedUnopened(workspace, device);
    }

    private static void AssertRefusedUnopened(TempWorkspace workspace, string path)
    {
        using var opens = new OpenWatch(path);
        var writer = new SecretFileWriter(workspace.Output);

        var error = Assert.Throws<OutputException>(() => writer.Write(Target, SecretValue.FromUtf8("CANARY-device-5e2a")));

        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, opens.Opens(path));
        Assert.Equal([Target.Name], Directory.GetFileSystemEntries(workspace.Output).Select(Path.GetFileName));
    }
}
