using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>Reads credential files (trimmed) with errors that name the file, never its content.</summary>
internal static class AuthFiles
{
    public static async Task<SecretValue> ReadAsync(string path, string what, CancellationToken cancellationToken)
    {
        try
        {
            var text = (await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)).Trim();
            return text.Length == 0
                ? throw new VaultAuthException($"{what} file {path} is empty")
                : SecretValue.FromUtf8(text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VaultAuthException($"cannot read {what} file {path}: {e.GetType().Name}");
        }
    }
}
