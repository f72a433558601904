using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Tests.Auth;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TokenFileSinkTests
{
    [Fact]
    public void Write_NewToken_ReplacesTheFileWithMode0600()
    {
        var dir = Directory.CreateTempSubdirectory("token-sink-").FullName;
        try
        {
            var path = Path.Combine(dir, "vault-token");
            var sink = new TokenFileSink(path);
            sink.Write(new VaultToken(SecretValue.FromUtf8("hvs.first"), "acc-1", TimeSpan.FromMinutes(1), true, TimeProvider.System.GetUtcNow()));
            sink.Write(new VaultToken(SecretValue.FromUtf8("hvs.second"), "acc-2", TimeSpan.FromMinutes(1), true, TimeProvider.System.GetUtcNow()));

            Assert.Equal("hvs.second", File.ReadAllText(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void VaultToken_ToString_ShowsOnlyTheAccessor()
    {
        var token = new VaultToken(SecretValue.FromUtf8("hvs.CANARY"), "acc-9", TimeSpan.FromMinutes(1), true, TimeProvider.System.GetUtcNow());

        Assert.Equal("token (accessor acc-9)", token.ToString());
        Assert.Equal("***", token.Value.ToString());
    }
}
