using R3mes.Sidecar.Vault.Emulator.Postgres;

namespace R3mes.Secrets.Tests.TestSupport;

/// <summary>One real PostgreSQL per test class (the suite's <see cref="PostgresServer"/>, linked).</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    internal PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
