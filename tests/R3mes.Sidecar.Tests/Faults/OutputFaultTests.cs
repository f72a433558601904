using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Tests.Support.Faults;

namespace R3mes.Sidecar.Tests.Faults;

/// <summary>
/// Fault matrix (issue 15, suite 1), the output directory failing under the sidecar: full (ENOSPC on a small tmpfs)
/// and remounted read-only. A write fault is the sidecar's own, reason <c>write</c>: the backend stays up. The
/// atomic writer must leave the last good file whole and no temporary file behind.
/// </summary>
public sealed class OutputFaultTests
{
    [Fact]
    public async Task Output_disk_full__keeps_last_good_whole_reports_write_and_recovers_when_space_returns()
    {
        using var workspace = new TempWorkspace();
        using var tmpfs = SmallTmpfs.Mount(workspace.Output, 64);
        using var cell = await FileCell.StartAsync(workspace);
        string? filler = null;

        await FaultPromises.HoldAsync(cell, Fault.Of("write", backendDown: false, () => filler = tmpfs.Fill(), () => File.Delete(filler!)));

        Assert.Empty(FileCell.TempFiles(workspace));
    }

    [Fact]
    public async Task Output_read_only__keeps_last_good_reports_write_and_recovers_when_writable_again()
    {
        using var workspace = new TempWorkspace();
        using var tmpfs = SmallTmpfs.Mount(workspace.Output, 1024);
        using var cell = await FileCell.StartAsync(workspace);

        await FaultPromises.HoldAsync(cell, Fault.Of("write", backendDown: false, tmpfs.ReadOnly, tmpfs.ReadWrite));

        Assert.Empty(FileCell.TempFiles(workspace));
    }
}
