using Npgsql;

namespace R3mes.Secrets.Npgsql;

/// <summary>A pool and the credentials it was built on (kept to tell whether the files changed; never printed).</summary>
internal sealed class CredentialedPool(NpgsqlDataSource dataSource, string user, string password)
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public string User { get; } = user;

    public bool IsFor(string user, string password) =>
        string.Equals(User, user, StringComparison.Ordinal) && string.Equals(password, Password, StringComparison.Ordinal);

    private string Password { get; } = password;

    public override string ToString() => $"pool for {User}";
}
