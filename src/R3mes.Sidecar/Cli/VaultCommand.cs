using System.CommandLine;
using R3mes.Sidecar.Configuration;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Vault.Bootstrap;

namespace R3mes.Sidecar.Cli;

/// <summary>
/// <c>vault bootstrap -f FILE</c>: sets Vault up for the R3MES sidecars from a declarative file (README "Vault
/// bootstrap"). The token comes from <c>VAULT_TOKEN</c> or <c>--token-file</c> — never a flag value, which <c>ps</c>
/// would show — and is never printed. Exit 0 done (or nothing to change), 1 Vault refused or failed, 2 bad file or usage.
/// </summary>
internal static class VaultCommand
{
    public static Command Create()
    {
        var file = new Option<string>("--file", "-f") { Description = "The bootstrap file (YAML), e.g. examples/vault-bootstrap/bootstrap.yaml.", Required = true };
        var address = new Option<string?>("--address") { Description = "Vault's address. Default: the file's vault.address, else $VAULT_ADDR." };
        var tokenFile = new Option<string?>("--token-file") { Description = "A file holding the token to configure Vault with. Default: $VAULT_TOKEN." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would change, change nothing." };
        var newSecretIds = new Option<bool>("--new-secret-ids") { Description = "Issue a new wrapped secret id for every AppRole service (otherwise only for new roles and missing secret-id files)." };
        var bootstrap = new Command("bootstrap", "Set Vault up for the R3MES sidecars from a declarative file: engines, auth methods, initial secrets, one policy and role per service. Idempotent; prints the plan first.")
        {
            file, address, tokenFile, dryRun, newSecretIds,
        };
        bootstrap.SetAction((result, cancellationToken) => RunAsync(result.GetValue(file)!, result.GetValue(address), result.GetValue(tokenFile),
            new BootstrapOptions(result.GetValue(dryRun), result.GetValue(newSecretIds)), cancellationToken));
        return new Command("vault", "Vault operator tasks.") { bootstrap };
    }

    private static async Task<int> RunAsync(string file, string? addressText, string? tokenFile, BootstrapOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var spec = BootstrapReader.Read(file);
            var address = Address(addressText ?? spec.Vault.Address?.ToString() ?? Environment.GetEnvironmentVariable("VAULT_ADDR"));
            var token = Token(tokenFile);
            var vault = BootstrapConnection.Open(address, spec.Vault.Namespace ?? NullIfEmpty(Environment.GetEnvironmentVariable("VAULT_NAMESPACE")),
                spec.Vault.CaFile ?? NullIfEmpty(Environment.GetEnvironmentVariable("VAULT_CACERT")), token, TimeProvider.System);
            Console.Out.WriteLine($"vault bootstrap: {Path.GetFullPath(file)} -> {address}");
            await new BootstrapRunner(vault, Console.Out).RunAsync(spec, options, cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (ConfigurationException e)
        {
            foreach (var error in e.Errors.Where(e => e.Path.Length > 0))
            {
                Console.Error.WriteLine(error.ToString());
            }

            return Fail.With(ExitCodes.Usage, e.Errors.Count == 1 && e.Errors[0].Path.Length == 0
                ? e.Errors[0].Message
                : $"the bootstrap file has {e.Errors.Count} problem(s), listed above; fix them and run again (--dry-run changes nothing)");
        }
        catch (BootstrapException e)
        {
            return Fail.With(ExitCodes.Failure, e.Message);
        }
    }

    private static Uri Address(string? text) =>
        text is not null && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ConfigurationException(text is null
                ? "no Vault address: pass --address URL, set vault.address in the file, or set VAULT_ADDR"
                : $"'{text}' is not an http(s) URL such as https://vault:8200");

    /// <summary>The token from <c>--token-file</c> (trimmed) or <c>VAULT_TOKEN</c>; errors never quote it.</summary>
    private static SecretValue Token(string? tokenFile)
    {
        if (tokenFile is not null)
        {
            string text;
            try
            {
                text = File.ReadAllText(tokenFile).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConfigurationException($"cannot read the token file {tokenFile}: {e.GetType().Name}");
            }

            return text.Length > 0 ? SecretValue.FromUtf8(text) : throw new ConfigurationException($"the token file {tokenFile} is empty");
        }

        return NullIfEmpty(Environment.GetEnvironmentVariable("VAULT_TOKEN")?.Trim()) is { } token
            ? SecretValue.FromUtf8(token)
            : throw new ConfigurationException("no Vault token: set VAULT_TOKEN or pass --token-file FILE (never the token itself on the command line)");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
