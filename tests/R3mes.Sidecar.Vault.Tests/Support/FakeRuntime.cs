using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Auth;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Tests.Support;

/// <summary>A <see cref="VaultRuntime"/> over a <see cref="FakeVault"/>, logged in with a fixed direct token.</summary>
internal static class FakeRuntime
{
    public static VaultRuntime Create(FakeVault fake, IAuthMethod? auth = null, TimeProvider? time = null)
    {
        var client = TestVault.Client(fake);
        var session = TestVault.Session(client, auth ?? new FixedToken(), time);
        return new VaultRuntime(TestVault.Settings(), client, session);
    }

    private sealed class FixedToken : IAuthMethod
    {
        public string Description => "fixed token";

        public ValueTask<LoginRequest> BuildAsync(VaultClient client, CancellationToken cancellationToken) =>
            ValueTask.FromResult(LoginRequest.Token(SecretValue.FromUtf8("hvs.fixed-test-token")));
    }
}
