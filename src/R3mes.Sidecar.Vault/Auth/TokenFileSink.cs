using R3mes.Sidecar.Output;
using R3mes.Sidecar.Vault.Client;

namespace R3mes.Sidecar.Vault.Auth;

/// <summary>
/// <c>vault.token_file</c>: the current token written 0600 with the same atomic, no-follow writer as secrets, after
/// every login (Vault Agent's file sink), for apps that call Vault themselves.
/// </summary>
internal sealed class TokenFileSink(string path)
{
    private readonly SecretFileWriter _writer = new(Path.GetDirectoryName(path)!);
    private readonly string _name = Path.GetFileName(path);

    public void Write(VaultToken token) =>
        _writer.Write(new FileTarget(_name, UnixFileMode.UserRead | UnixFileMode.UserWrite, null, null), token.Value);
}
