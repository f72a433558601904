using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using R3mes.Secrets.Npgsql.Tests.TestSupport;
using R3mes.Secrets.Tests.TestSupport;
using Xunit.Abstractions;

namespace R3mes.Secrets.Npgsql.Tests;

/// <summary>
/// Issue 10, acceptance: credentials change every few seconds (new role, files rewritten by rename, old role revoked
/// after a grace) while a load loop queries through the library's pool: 0 failures across 3 rotations, every
/// replaced pool disposed, no password in the logs. Real PostgreSQL, real file watcher, the app's DI registration.
/// </summary>
public sealed class RotationUnderLoadTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IDisposable
{
    private static readonly TimeSpan RotationEvery = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RevokeGrace = TimeSpan.FromSeconds(2);
    private readonly TempSecretDirectory _secrets = new();

    public void Dispose() => _secrets.Dispose();

    [Fact]
    public async Task ThreeRotationsUnderLoad_ZeroFailures_ReplacedPoolsDisposed()
    {
        var rotator = new CredentialRotator(postgres.Server, _secrets);
        var first = await rotator.RotateAsync();
        var logs = new CapturingLoggerProvider();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddR3mesSecrets(options =>
        {
            options.Directory = _secrets.Path;
            options.AllowEnvironmentFallback = false;
            options.PollingInterval = TimeSpan.FromMilliseconds(500);
        });
        builder.Services.AddR3mesNpgsqlDataSource(options =>
        {
            options.Host = postgres.Server.Host;
            options.Port = postgres.Server.Port;
            options.Database = "postgres";
            options.DrainDelay = TimeSpan.FromSeconds(1);
            options.ConfigureDataSource = dataSource => dataSource.ConnectionStringBuilder.Timeout = 5;
        });
        using var host = builder.Build();
        await host.StartAsync();
        var pool = host.Services.GetRequiredService<RotatingNpgsqlDataSource>();
        await Deadline.Until(() => pool.User == first, TimeSpan.FromSeconds(30), () => string.Join('\n', logs.Lines));

        var failures = new ConcurrentQueue<string>();
        var usersSeen = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var poolsSeen = new ConcurrentDictionary<NpgsqlDataSource, bool>(ReferenceEqualityComparer.Instance);
        var queries = 0;
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    var dataSource = pool.Current;
                    poolsSeen.TryAdd(dataSource, true);
                    await using var command = dataSource.CreateCommand("SELECT current_user");
                    var user = (string)(await command.ExecuteScalarAsync())!;
                    usersSeen.AddOrUpdate(user, 1, (_, n) => n + 1);
                    Interlocked.Increment(ref queries);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException or ObjectDisposedException)
                {
                    failures.Enqueue($"{e.GetType().Name} {(e as PostgresException)?.SqlState} {e.Message}");
                }
            }
        })).ToArray();

        var previous = first;
        for (var rotation = 1; rotation <= 3; rotation++)
        {
            await Task.Delay(RotationEvery, TimeProvider.System);
            var next = await rotator.RotateAsync();
            await Deadline.Until(() => pool.User == next, TimeSpan.FromSeconds(15), () => string.Join('\n', logs.Lines));
            await Task.Delay(RevokeGrace, TimeProvider.System);
            await rotator.RevokeAsync(previous);
            previous = next;
        }
        await Task.Delay(RotationEvery, TimeProvider.System);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        output.WriteLine($"{queries} queries, {failures.Count} failed, users: {string.Join(", ", usersSeen.Select(u => $"{u.Key}={u.Value}"))}");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {queries} queries failed: {string.Join("; ", failures.Take(5))}\n{string.Join('\n', logs.Lines)}");
        Assert.Equal(rotator.Issued.Select(i => i.User).Order(StringComparer.Ordinal), usersSeen.Keys.Order(StringComparer.Ordinal));
        Assert.True(queries > 200, $"only {queries} queries");
        Assert.Equal(4, pool.Rebuilds);
        await Deadline.Until(() => pool.Retired == 3, TimeSpan.FromSeconds(10), () => $"retired {pool.Retired}");
        Assert.Equal(4, poolsSeen.Count);
        foreach (var replaced in poolsSeen.Keys.Where(d => !ReferenceEquals(d, pool.Current)))
            await Assert.ThrowsAsync<ObjectDisposedException>(async () => await replaced.OpenConnectionAsync());
        await using (var connection = await pool.Current.OpenConnectionAsync())
            Assert.Equal(previous, connection.UserName);
        var logText = string.Join('\n', logs.Lines);
        Assert.All(rotator.Issued, issued => Assert.DoesNotContain(issued.Password, logText, StringComparison.Ordinal));
        Assert.Contains($"database pool now uses {rotator.Issued[3].User} (files changed)", logText, StringComparison.Ordinal);

        await host.StopAsync();
    }
}
