using System.Globalization;
using Npgsql;
using R3mes.Backend.Example;
using R3mes.Secrets.Npgsql;

// The R3MES backend's use of the sidecar, reduced to its core: a PostgreSQL pool on the dynamic credentials in
// /run/secrets, rebuilt when they change (R3mes.Secrets.Npgsql), and an endpoint that queries through it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true);
var options = BackendOptions.From(builder.Configuration);
builder.Services.AddR3mesSecrets(secrets =>
{
    secrets.Directory = options.SecretsDirectory;
    secrets.AllowEnvironmentFallback = false;
    secrets.PollingInterval = TimeSpan.FromMilliseconds(500);
});
builder.Services.AddR3mesNpgsqlDataSource(pool =>
{
    pool.Host = options.Host;
    pool.Port = options.Port;
    pool.Database = options.Database;
    pool.ConfigureDataSource = dataSource =>
    {
        dataSource.ConnectionStringBuilder.Timeout = 5;
        dataSource.ConnectionStringBuilder.MaxPoolSize = 20;
    };
});
builder.Services.AddHostedService<HangupReloader>();
var app = builder.Build();

if (options.PidFile is { } pidFile)
{
    File.WriteAllText(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
}

var failed = 0;
app.MapGet("/healthz", () => "ok");
app.MapGet("/stats", (RotatingNpgsqlDataSource pool) =>
    $"{{\"user\":\"{pool.User}\",\"rebuilds\":{pool.Rebuilds},\"retired\":{pool.Retired},\"failed\":{Volatile.Read(ref failed)}}}");
app.MapGet("/query", async (RotatingNpgsqlDataSource pool, CancellationToken cancellationToken) =>
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            await using var command = pool.Current.CreateCommand("SELECT current_user");
            return Results.Text((string?)await command.ExecuteScalarAsync(cancellationToken) ?? "");
        }
        catch (NpgsqlException e) when (attempt == 1 && e.SqlState is "28P01" or "28000" or "42704")
        {
            // The role went away under us (revoked: a new connection is refused, a live session's role no longer
            // exists): the files already hold its replacement. Switch and retry once.
            await pool.RebuildAsync("authentication failed", cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            Interlocked.Increment(ref failed);
            return Results.Text($"query failed: {(e as NpgsqlException)?.SqlState ?? e.GetType().Name}", statusCode: 503);
        }
    }
});

app.Run();
