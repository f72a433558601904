namespace R3mes.Secrets;

/// <summary>
/// Names one secret: the file under the secrets directory and the environment variables used as fallbacks
/// (<c>NAME_FILE</c> holds a path, <c>NAME</c> holds the value).
/// </summary>
public sealed record SecretKey
{
    private SecretKey(string fileName, string environmentVariable)
    {
        FileName = fileName;
        EnvironmentVariable = environmentVariable;
    }

    public static SecretKey PostgresUser { get; } = Create("postgres_user");
    public static SecretKey PostgresPassword { get; } = Create("postgres_password");
    public static SecretKey RedisPassword { get; } = Create("redis_password");
    public static SecretKey JwtSecret { get; } = Create("jwt_secret");
    public static SecretKey ApiSecretKey { get; } = Create("api_secret_key");
    public static SecretKey GrafanaAdminPassword { get; } = Create("grafana_admin_password");
    public static SecretKey ValidatorKey { get; } = Create("validator_key");
    public static SecretKey NodeKey { get; } = Create("node_key");
    public static SecretKey SslCertificate { get; } = Create("ssl_certificate");
    public static SecretKey SslPrivateKey { get; } = Create("ssl_private_key");

    /// <summary>The ten R3MES secrets.</summary>
    public static IReadOnlyList<SecretKey> All { get; } =
    [
        PostgresUser, PostgresPassword, RedisPassword, JwtSecret, ApiSecretKey,
        GrafanaAdminPassword, ValidatorKey, NodeKey, SslCertificate, SslPrivateKey,
    ];

    /// <summary>File name under the secrets directory, e.g. <c>postgres_password</c>.</summary>
    public string FileName { get; }

    /// <summary>Environment variable holding the value, e.g. <c>POSTGRES_PASSWORD</c>.</summary>
    public string EnvironmentVariable { get; }

    /// <summary>Environment variable holding a path to a file with the value, e.g. <c>POSTGRES_PASSWORD_FILE</c>.</summary>
    public string FileEnvironmentVariable => EnvironmentVariable + "_FILE";

    /// <summary>A custom key; the environment variable is the upper-cased file name (other characters become '_').</summary>
    /// <exception cref="ArgumentException">The file name is empty, <c>.</c>, contains '/', '..' or control characters.</exception>
    public static SecretKey Create(string fileName)
    {
        ValidateFileName(fileName);
        return new SecretKey(fileName, EnvironmentVariableName.FromFileName(fileName));
    }

    /// <summary>A custom key with an explicit environment variable name (<c>[A-Za-z_][A-Za-z0-9_]*</c>).</summary>
    /// <exception cref="ArgumentException">The file name or the environment variable name is invalid.</exception>
    public static SecretKey Create(string fileName, string environmentVariable)
    {
        ValidateFileName(fileName);
        if (!EnvironmentVariableName.IsValid(environmentVariable))
            throw new ArgumentException(
                $"environment variable name '{environmentVariable}' is invalid: use letters, digits and '_', not starting with a digit",
                nameof(environmentVariable));
        return new SecretKey(fileName, environmentVariable);
    }

    public override string ToString() => FileName;

    private static void ValidateFileName(string fileName)
    {
        var problem = SecretName.FindProblem(fileName);
        if (problem is null)
            return;
        // A name with control characters is not echoed: it would garble the message.
        var shown = fileName is null || fileName.Any(char.IsControl) ? "" : $" '{fileName}'";
        throw new ArgumentException($"secret name{shown} is invalid: it {problem}", nameof(fileName));
    }
}
