namespace R3mes.Sidecar.Core.Tests.Output;

/// <summary>
/// Runs code on a fresh thread whose file system uid and gid are not root, so file operations on it are checked
/// like an unprivileged sidecar's (no CAP_CHOWN, no CAP_DAC_OVERRIDE). The thread ends afterwards, taking its
/// credentials with it; the rest of the test process stays root.
/// </summary>
internal static class UnprivilegedThread
{
    public static T Run<T>(uint uid, uint gid, Func<T> action)
    {
        Assert.True(TestLibc.GetEuid() == 0, "this test must run as root (as CI does) to switch a thread's file system uid");
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                _ = TestLibc.SetFsGid(gid);
                _ = TestLibc.SetFsUid(uid);

                // Called with an invalid id, both return the current value without changing it.
                Assert.Equal((int)uid, TestLibc.SetFsUid(uint.MaxValue));
                Assert.Equal((int)gid, TestLibc.SetFsGid(uint.MaxValue));
                result = action();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(30)), "the unprivileged thread did not finish");
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return result;
    }
}
