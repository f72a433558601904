using R3mes.Sidecar.Configuration;

namespace R3mes.Sidecar.Core.Tests.Configuration;

public sealed class ConfigKeysTests
{
    [Fact]
    public void Unknown_CloseName_SuggestsIt() =>
        Assert.Equal(
            "unknown action 'nginx-relaod' (did you mean 'nginx-reload'? known: backend, nginx-reload)",
            ConfigKeys.Unknown("action", "nginx-relaod", ["nginx-reload", "backend"]));

    [Fact]
    public void Unknown_FarName_ListsKnownOnly() =>
        Assert.Equal("unknown key 'zzz' (known: dir, mode)", ConfigKeys.Unknown("key", "zzz", ["mode", "dir"]));

    [Fact]
    public void Unknown_NothingKnown_SaysNone() =>
        Assert.Equal("unknown action 'x' (known: none)", ConfigKeys.Unknown("action", "x", []));

    [Fact]
    public void RejectUnknown_UnknownChildren_OneErrorEachWithPath()
    {
        var config = YamlText.Load("output: { dirr: /x, Mode: \"0600\", uidd: 1 }");
        var errors = new ConfigErrors();

        ConfigKeys.RejectUnknown(config.GetSection("output"), ["dir", "mode", "uid"], errors);

        Assert.Equal(
            ["output.dirr: unknown key 'dirr' (did you mean 'dir'? known: dir, mode, uid)", "output.uidd: unknown key 'uidd' (did you mean 'uid'? known: dir, mode, uid)"],
            errors.All.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }
}
