using R3mes.Sidecar.Vault.Emulator.Postgres;

namespace R3mes.Sidecar.Vault.Tests.Emulator;

/// <summary>One real PostgreSQL per test class (IClassFixture): starting it takes about a second.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
