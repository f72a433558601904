using System.Security.Cryptography;
using System.Text;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Rotate;

/// <summary>
/// A PostgreSQL SCRAM-SHA-256 password verifier (RFC 5802/7677, PostgreSQL's <c>pg_authid</c> format), computed
/// here as psql's <c>\password</c> does, so <c>ALTER ROLE</c> never carries the password itself (a statement log
/// would keep it). Our generated passwords are ASCII, which SASLprep leaves as they are.
/// </summary>
internal static class ScramVerifier
{
    public const int Iterations = 4096;

    public static string For(SecretValue password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(16);
        var salted = Rfc2898DeriveBytes.Pbkdf2(password.Reveal(), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(salted, Encoding.ASCII.GetBytes("Client Key"));
        var storedKey = SHA256.HashData(clientKey);
        var serverKey = HMACSHA256.HashData(salted, Encoding.ASCII.GetBytes("Server Key"));
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}";
    }
}
