using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Core.Tests.Posix;

public sealed class ProcessCredentialsTests
{
    [Fact]
    public void Parse_StatusLines_FilesystemIdsGroupsAndChownCapability()
    {
        string[] status =
        [
            "Name:\tr3mes-sidecar",
            "Uid:\t1000\t1001\t1002\t1003",
            "Gid:\t2000\t2001\t2002\t2003",
            "Groups:\t10 20 ",
            "CapEff:\t0000000000000000",
        ];

        var who = ProcessCredentials.Parse(status);

        Assert.Equal((1003, 2003, false), (who.Uid, who.Gid, who.CanChown));
        Assert.Equal([10, 20], who.Groups);
        Assert.True(who.InGroup(20));
        Assert.True(who.InGroup(2003));
        Assert.False(who.InGroup(2000));
    }

    [Theory]
    [InlineData("000001ffffffffff", true)]
    [InlineData("0000000000000001", true)]
    [InlineData("00000000a80425fa", false)]
    public void Parse_CapEff_Bit0IsChown(string capEff, bool canChown) =>
        Assert.Equal(canChown, ProcessCredentials.Parse(["Uid:\t0\t0\t0\t0", "Gid:\t0\t0\t0\t0", "Groups:", $"CapEff:\t{capEff}"]).CanChown);

    [Fact]
    public void Current_ThisProcess_MatchesGeteuid()
    {
        var who = ProcessCredentials.Current();

        Assert.Equal((int)Libc.GetEuid(), who.Uid);
    }
}
