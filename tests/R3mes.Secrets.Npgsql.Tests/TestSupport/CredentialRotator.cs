using System.Security.Cryptography;
using R3mes.Secrets.Tests.TestSupport;
using R3mes.Sidecar.Vault.Emulator.Postgres;

namespace R3mes.Secrets.Npgsql.Tests.TestSupport;

/// <summary>
/// What a dynamic-credentials backend does to PostgreSQL and the secret files: create a new login role with a new
/// password, write <c>postgres_user</c> then <c>postgres_password</c> by rename (the sidecar's way, so the two files
/// briefly disagree), and later revoke the old role (end its sessions, drop it).
/// </summary>
internal sealed class CredentialRotator(PostgresServer postgres, TempSecretDirectory secrets)
{
    private readonly string _tag = Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
    private int _generation;

    public List<(string User, string Password)> Issued { get; } = [];

    public async Task<string> RotateAsync()
    {
        var generation = Interlocked.Increment(ref _generation);
        var user = $"app-{_tag}-gen{generation}";
        // Awkward on purpose: the pool must quote what it is given.
        var password = $"pw;{generation}'\"= ü{Convert.ToHexString(RandomNumberGenerator.GetBytes(6))}";
        await postgres.ExecuteAsync($"CREATE ROLE \"{user}\" LOGIN PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'");
        secrets.WriteAtomically("postgres_user", user);
        secrets.WriteAtomically("postgres_password", password);
        Issued.Add((user, password));
        return user;
    }

    public async Task RevokeAsync(string user)
    {
        await postgres.ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{user}'");
        await postgres.ExecuteAsync($"DROP ROLE \"{user}\"");
    }
}
