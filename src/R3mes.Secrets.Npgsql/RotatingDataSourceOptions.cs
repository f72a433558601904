using Npgsql;

namespace R3mes.Secrets.Npgsql;

/// <summary>Where the database is, which secrets hold its credentials, and how a swap behaves.</summary>
public sealed class RotatingDataSourceOptions
{
    /// <summary>Database host (DNS name or IP address). Required.</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 5432;

    public string Database { get; set; } = "r3mes";

    /// <summary>The user name's secret. Default <c>postgres_user</c>.</summary>
    public SecretKey UserKey { get; set; } = SecretKey.PostgresUser;

    /// <summary>The password's secret. Default <c>postgres_password</c>.</summary>
    public SecretKey PasswordKey { get; set; } = SecretKey.PostgresPassword;

    /// <summary>How long a replaced pool stays open so queries in flight finish, before it is disposed. Default 2 s.</summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Pause between attempts while new credentials do not work yet (the user file written before the password file,
    /// the role not yet committed). Default 100 ms.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Attempts per rebuild before the current pool is kept and the failure logged. Default 20.</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>Further settings for every pool (pool size, timeouts, TLS, type mappings), applied before it is built.</summary>
    public Action<NpgsqlDataSourceBuilder>? ConfigureDataSource { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
            throw new ArgumentException("RotatingDataSourceOptions.Host is required (the database host)", nameof(Host));
        ArgumentNullException.ThrowIfNull(UserKey, nameof(UserKey));
        ArgumentNullException.ThrowIfNull(PasswordKey, nameof(PasswordKey));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxAttempts, 1, nameof(MaxAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(DrainDelay, TimeSpan.Zero, nameof(DrainDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryDelay, TimeSpan.Zero, nameof(RetryDelay));
    }
}
