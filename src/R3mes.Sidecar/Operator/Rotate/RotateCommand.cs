using System.CommandLine;

namespace R3mes.Sidecar.Operator.Rotate;

internal static class RotateCommand
{
    public static Command Create(Option<string> dir)
    {
        var secret = new Option<string[]>("--secret") { Description = "A secret to rotate (repeatable)." };
        var all = new Option<bool>("--all") { Description = "Rotate every generated secret and the development TLS pair." };
        var postgres = new Option<string?>("--postgres-admin-url")
        {
            Description = "postgresql://admin@host:5432/postgres: also change the role's password in PostgreSQL (password from PGPASSWORD when left out).",
        };
        var role = new Option<string?>("--postgres-role") { Description = "The role whose password changes (default: postgres_user.txt)." };
        var vault = new Option<string?>("--vault") { Description = "A KV path (secret/r3mes/app): write the new values as a new version (VAULT_ADDR, VAULT_TOKEN)." };
        var command = new Command("rotate", "Replace secrets with new values; the previous value is kept as NAME.prev (0600).")
        {
            secret, all, postgres, role, vault,
        };
        command.SetAction((result, cancellationToken) => OperatorAction.RunAsync(async () =>
        {
            using var http = new HttpClient();
            var request = new RotateRequest(
                result.GetValue(dir)!, result.GetValue(secret) ?? [], result.GetValue(all),
                result.GetValue(postgres), result.GetValue(role), result.GetValue(vault));
            await new RotateOperation(TimeProvider.System, Console.Out, () => VaultKvWriter.FromEnvironment(http)).RunAsync(request, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }
}
