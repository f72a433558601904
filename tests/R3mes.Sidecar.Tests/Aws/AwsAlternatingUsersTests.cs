using System.Text.Json.Nodes;
using R3mes.Sidecar.Tests.Leases;
using R3mes.Sidecar.Tests.Support;
using R3mes.Sidecar.Vault.Emulator.Postgres;
using Xunit.Abstractions;

namespace R3mes.Sidecar.Tests.Aws;

/// <summary>
/// Issue 5, acceptance: Secrets Manager's alternating-users rotation for PostgreSQL against a real PostgreSQL — each
/// rotation switches the secret between <c>app_user</c> and <c>app_user_clone</c> with a new password (the previous
/// user keeps working until the next rotation, as AWS's rotation function leaves it). Both files change together and
/// the example backend, told by SIGHUP, keeps answering through two rotations.
/// </summary>
public sealed class AwsAlternatingUsersTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Run_TwoAlternatingUserRotations_TheBackendNeverFailsAQuery()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await postgres.ExecuteAsync("CREATE ROLE app_user LOGIN PASSWORD 'pw-initial-1'");
        await using var aws = await AwsSetup.StartAsync();
        aws.CreateSecret("r3mes/postgres", Secret(postgres, "app_user", "pw-initial-1"), null);
        using var workspace = new TempWorkspace();
        var pidFile = workspace.PathOf("backend.pid");
        var config = workspace.WriteConfig($$$"""
            output: { dir: out }
            aws: { region: us-east-1 }
            secrets:
              - name: postgres
                source: { aws: r3mes/postgres }
                files: { postgres_user: "{{ username }}", postgres_password: "{{ password }}" }
                refresh: 1s
                on_change: [backend]
            actions:
              backend: { signal: SIGHUP, process: { pidfile: {{{pidFile}}} }, wait: { min: 50ms, max: 200ms } }
            """);
        using var run = SidecarProcess.Start(["run", "-c", config], AwsSetup.Environment(aws, workspace));
        await Eventually.Until(() => File.Exists(workspace.OutputFile("postgres_user")) && File.Exists(workspace.OutputFile("postgres_password")),
            Eventually.DefaultTimeout, () => run.Transcript + AwsSetup.Describe(aws));
        await using var backend = await BackendProcess.StartAsync(workspace.Output, postgres.Port, pidFile);

        var users = new List<string>();
        var failures = new List<string>();
        var queries = 0;
        var last = new System.Runtime.CompilerServices.StrongBox<string?>();
        using var stop = new CancellationTokenSource();
        var client = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (ok, body) = await backend.QueryAsync();
                queries++;
                if (!ok)
                {
                    failures.Add(body);
                }
                else if (users.Count == 0 || users[^1] != body)
                {
                    users.Add(body);
                    Volatile.Write(ref last.Value, body);
                }
            }
        });

        // Rotation 1: the clone gets a fresh password and becomes AWSCURRENT. Rotation 2: back to app_user.
        await RotateAsync(postgres, aws, "app_user_clone", "pw-rotated-2", create: true);
        await Eventually.Until(() => Volatile.Read(ref last.Value) == "app_user_clone", TimeSpan.FromSeconds(15), () => run.Transcript + backend.Output);
        await RotateAsync(postgres, aws, "app_user", "pw-rotated-3", create: false);
        await Eventually.Until(() => Volatile.Read(ref last.Value) == "app_user", TimeSpan.FromSeconds(15), () => run.Transcript + backend.Output);
        await Eventually.Quiet(TimeSpan.FromSeconds(1));
        await stop.CancelAsync();
        await client;

        output.WriteLine($"{queries} queries, {failures.Count} failed, users {string.Join(" → ", users)}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {queries} queries failed: {string.Join("; ", failures.Take(5))}\n{backend.Output}");
        Assert.Equal(["app_user", "app_user_clone", "app_user"], users);
        Assert.DoesNotContain("pw-rotated", run.Transcript + backend.Output, StringComparison.Ordinal);
    }

    private static async Task RotateAsync(PostgresServer postgres, R3mes.Sidecar.Aws.Emulator.AwsEmulator aws, string user, string password, bool create)
    {
        await postgres.ExecuteAsync(create ? $"CREATE ROLE {user} LOGIN PASSWORD '{password}'" : $"ALTER ROLE {user} WITH PASSWORD '{password}'");
        aws.Rotate("r3mes/postgres", Secret(postgres, user, password));
    }

    private static string Secret(PostgresServer postgres, string user, string password) => new JsonObject
    {
        ["engine"] = "postgres",
        ["host"] = "127.0.0.1",
        ["port"] = postgres.Port,
        ["dbname"] = "postgres",
        ["username"] = user,
        ["password"] = password,
    }.ToJsonString();
}
