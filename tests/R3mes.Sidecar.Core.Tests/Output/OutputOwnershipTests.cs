using R3mes.Sidecar.Core.Tests.Pipeline;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Plan;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Core.Tests.Output;

public sealed class OutputOwnershipTests
{
    private static readonly ProcessCredentials Nobody = new(65534, 65534, [4], CanChown: false);

    [Fact]
    public void Problems_WithChown_None() =>
        Assert.Empty(OutputOwnership.Problems(Plan(1000, 1000, File(uid: 999)), Nobody with { CanChown = true }));

    [Fact]
    public void Problems_OwnIdsAndOwnGroups_None() =>
        Assert.Empty(OutputOwnership.Problems(Plan(65534, 4, File(gid: 65534)), Nobody));

    [Fact]
    public void Problems_OtherUidAndGroup_OneErrorPerKeyWithTheFix()
    {
        var problems = OutputOwnership.Problems(Plan(1000, 1000, File(), File("ssl_private_key", uid: 101), File("same_as_output", uid: 1000)), Nobody);

        Assert.Equal(["output.uid", "output.gid", "secrets[0].files.ssl_private_key.uid"], problems.Select(p => p.Path));
        Assert.Equal(
            "1000 cannot be applied: the sidecar runs as uid 65534 without CAP_CHOWN, and only a process with CAP_CHOWN can give a file to another user; " +
            "run the sidecar as uid 1000 (Kubernetes securityContext.runAsUser, Compose user:), add the CHOWN capability, or remove uid",
            problems[0].Message);
        Assert.StartsWith("1000 cannot be applied: the sidecar (gid 65534, groups 4) is not in group 1000 and has no CAP_CHOWN; run it with that group", problems[1].Message, StringComparison.Ordinal);
    }

    private static SidecarPlan Plan(int? uid, int? gid, params FileSpec[] files)
    {
        var plan = Specs.Plan("/run/secrets", Specs.Secret(new FakeSecretSource(), files));
        return plan with { Output = plan.Output with { Uid = uid, Gid = gid } };
    }

    private static FileSpec File(string name = "jwt_secret", int? uid = null, int? gid = null) =>
        Specs.Field(name, null) with { Uid = uid, Gid = gid };
}
