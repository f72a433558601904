using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using R3mes.Secrets.Npgsql.Tests.TestSupport;
using R3mes.Secrets.Tests.TestSupport;

namespace R3mes.Secrets.Npgsql.Tests;

/// <summary>The swap rules on a real PostgreSQL, with the drain delay on a fake clock.</summary>
public sealed class RotatingNpgsqlDataSourceTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(30);
    private readonly TempSecretDirectory _secrets = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _secrets.Dispose();

    [Fact]
    public async Task RebuildAsync_NoFilesYet_FalseAndCurrentSaysSo()
    {
        await using var pool = Pool();

        Assert.False(await pool.RebuildAsync("start"));

        var error = Assert.Throws<InvalidOperationException>(() => pool.Current);
        Assert.Contains("postgres_user", error.Message, StringComparison.Ordinal);
        Assert.Null(pool.User);
    }

    [Fact]
    public async Task RebuildAsync_SameCredentials_KeepsThePool()
    {
        var rotator = new CredentialRotator(postgres.Server, _secrets);
        await rotator.RotateAsync();
        await using var pool = Pool();
        Assert.True(await pool.RebuildAsync("start"));
        var first = pool.Current;

        Assert.True(await pool.RebuildAsync("again"));

        Assert.Same(first, pool.Current);
        Assert.Equal(1, pool.Rebuilds);
    }

    [Fact]
    public async Task RebuildAsync_PasswordNotValidYet_KeepsCurrentPoolUntilItWorks()
    {
        var rotator = new CredentialRotator(postgres.Server, _secrets);
        var first = await rotator.RotateAsync();
        await using var pool = Pool();
        Assert.True(await pool.RebuildAsync("start"));
        var current = pool.Current;

        // The user file is already replaced, the password file not yet (the sidecar writes them one by one).
        await postgres.Server.ExecuteAsync("CREATE ROLE \"app-late\" LOGIN PASSWORD 'late'");
        _secrets.WriteAtomically("postgres_user", "app-late");

        Assert.False(await pool.RebuildAsync("files changed"));
        Assert.Same(current, pool.Current);
        Assert.Equal(first, pool.User);

        _secrets.WriteAtomically("postgres_password", "late");
        Assert.True(await pool.RebuildAsync("files changed"));
        Assert.Equal("app-late", pool.User);
        Assert.NotSame(current, pool.Current);
    }

    [Fact]
    public async Task Swap_OldPoolDisposedAfterDrainDelayNotBefore()
    {
        var rotator = new CredentialRotator(postgres.Server, _secrets);
        await rotator.RotateAsync();
        await using var pool = Pool();
        await pool.RebuildAsync("start");
        var old = pool.Current;
        await rotator.RotateAsync();
        await pool.RebuildAsync("files changed");

        _time.Advance(Drain - TimeSpan.FromSeconds(1));
        await using (var stillOpen = await old.OpenConnectionAsync())
            Assert.Equal(rotator.Issued[0].User, stillOpen.UserName);
        Assert.Equal(0, pool.Retired);

        _time.Advance(TimeSpan.FromSeconds(1));
        await Deadline.Until(() => pool.Retired == 1, TimeSpan.FromSeconds(10), () => "old pool not retired");
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await old.OpenConnectionAsync());
    }

    [Fact]
    public async Task DisposeAsync_DrainingAndCurrentPoolsClosedAtOnce()
    {
        var rotator = new CredentialRotator(postgres.Server, _secrets);
        await rotator.RotateAsync();
        var pool = Pool();
        await pool.RebuildAsync("start");
        var old = pool.Current;
        await rotator.RotateAsync();
        await pool.RebuildAsync("files changed");
        var current = pool.Current;

        await pool.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await old.OpenConnectionAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await current.OpenConnectionAsync());
    }

    [Fact]
    public void Constructor_NoHost_ThrowsNamingTheOption()
    {
        var error = Assert.Throws<ArgumentException>(() => new RotatingNpgsqlDataSource(
            Reader(), new RotatingDataSourceOptions(), _time, NullLogger<RotatingNpgsqlDataSource>.Instance));

        Assert.Contains("RotatingDataSourceOptions.Host", error.Message, StringComparison.Ordinal);
    }

    private SecretReader Reader() => new(new SecretReaderOptions { Directory = _secrets.Path, AllowEnvironmentFallback = false });

    private RotatingNpgsqlDataSource Pool() => new(
        Reader(),
        new RotatingDataSourceOptions
        {
            Host = postgres.Server.Host,
            Port = postgres.Server.Port,
            Database = "postgres",
            MaxAttempts = 1,
            DrainDelay = Drain,
            ConfigureDataSource = builder => builder.ConnectionStringBuilder.Pooling = true,
        },
        _time,
        NullLogger<RotatingNpgsqlDataSource>.Instance);
}
