using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>
/// A connection (<c>&lt;mount&gt;/config/&lt;name&gt;</c>): plugin, URL with <c>{{username}}</c>/<c>{{password}}</c>
/// placeholders, the user Vault connects as, and its password read from a file. Vault never returns the password,
/// so it is written with a new connection and never compared.
/// </summary>
internal sealed record DatabaseConnectionSpec(
    string Name,
    string Plugin,
    string ConnectionUrl,
    string Username,
    string PasswordFile,
    SecretValue Password,
    IReadOnlyList<string> AllowedRoles);
