using System.Globalization;
using Npgsql;
using R3mes.Backend.Example;

// The R3MES backend's use of the sidecar, reduced to its core: a PostgreSQL pool on the dynamic credentials in
// /run/secrets, rebuilt when they change, and an endpoint that queries through it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true);
var options = BackendOptions.From(builder.Configuration);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<CredentialPool>();
builder.Services.AddHostedService<CredentialReloader>();
var app = builder.Build();

if (options.PidFile is { } pidFile)
{
    File.WriteAllText(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
}

var failed = 0;
app.MapGet("/healthz", () => "ok");
app.MapGet("/stats", (CredentialPool pool) => $"{{\"user\":\"{pool.User}\",\"rebuilds\":{pool.Rebuilds},\"failed\":{Volatile.Read(ref failed)}}}");
app.MapGet("/query", async (CredentialPool pool, CancellationToken cancellationToken) =>
{
    for (var attempt = 1; ; attempt++)
    {
        try
        {
            await using var command = pool.Current.CreateCommand("SELECT current_user");
            return Results.Text((string?)await command.ExecuteScalarAsync(cancellationToken) ?? "");
        }
        catch (NpgsqlException e) when (attempt == 1 && e.SqlState is "28P01" or "28000")
        {
            // The role went away under us (revoked): the files already hold its replacement. Switch and retry once.
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
