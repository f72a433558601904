using R3mes.Sidecar.Operator.Catalog;
using R3mes.Sidecar.Operator.Create;
using R3mes.Sidecar.Operator.Store;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Rotate;

/// <summary>
/// <c>secrets rotate</c>: a new value per secret, written atomically, the old one kept as <c>NAME.prev</c> (0600).
/// With <c>--postgres-admin-url</c> the role's password changes in the same step: the <c>ALTER ROLE</c>
/// transaction commits only after the new file is written (a failed write rolls it back; a failed commit puts
/// the old file back). With <c>--vault PATH</c> the new values become a new KV version. A running sidecar
/// watching the directory renders the new value and runs the secret's actions.
/// </summary>
internal sealed class RotateOperation(TimeProvider time, TextWriter output, Func<VaultKvWriter> vault)
{
    private const string PostgresPassword = "postgres_password";

    public async Task RunAsync(RotateRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var targets = Targets(request);
        var store = SecretDirectory.Open(request.Directory, create: false);
        var current = targets.ToDictionary(t => t.Name, t => store.Read(t.FileName)
            ?? throw new OperatorException($"{store.PathOf(t.FileName)} does not exist: nothing was rotated; run 'r3mes-sidecar secrets create' first"), StringComparer.Ordinal);
        var role = PostgresRoleOf(request, targets, store);
        var kv = request.VaultPath is null ? null : vault();
        var rotated = new Dictionary<string, SecretValue>(StringComparer.Ordinal);
        foreach (var secret in targets.Where(t => t.Kind == SecretKind.Generated))
        {
            var next = SecretGenerator.New(secret);
            store.Write(secret.PreviousFileName, current[secret.Name], replace: true);
            if (secret.Name == PostgresPassword && role is not null)
            {
                await RotatePostgresAsync(store, secret, current[secret.Name], next, request.PostgresAdminUrl!, role, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                store.Write(secret.FileName, next, replace: true);
                output.WriteLine($"rotated  {secret.Name} (previous value in {secret.PreviousFileName})");
            }

            rotated[secret.Name] = next;
        }

        if (targets.Any(t => t.Kind == SecretKind.TlsPair))
        {
            var (certificate, key) = DevelopmentTls.New(time);
            foreach (var (name, value) in new[] { ("ssl_private_key", key), ("ssl_certificate", certificate) })
            {
                var secret = R3mesCatalog.Find(name)!;
                store.Write(secret.PreviousFileName, current[name], replace: true);
                store.Write(secret.FileName, value, replace: true);
                output.WriteLine($"rotated  {name} (previous value in {secret.PreviousFileName})");
                rotated[name] = value;
            }
        }

        if (request.VaultPath is { } path)
        {
            var version = await kv!.WriteAsync(path, rotated, cancellationToken).ConfigureAwait(false);
            output.WriteLine(version > 0 ? $"vault    {path}: version {version} holds {string.Join(", ", rotated.Keys)}" : $"vault    {path}: updated {string.Join(", ", rotated.Keys)}");
        }
    }

    private async Task RotatePostgresAsync(SecretDirectory store, R3mesSecret secret, SecretValue old, SecretValue next, string adminUrl, string role, CancellationToken cancellationToken)
    {
        await using var change = await PostgresPasswordChange.BeginAsync(PostgresAdmin.ConnectionString(adminUrl), role, next, cancellationToken).ConfigureAwait(false);
        store.Write(secret.FileName, next, replace: true);
        try
        {
            await change.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperatorException)
        {
            store.Write(secret.FileName, old, replace: true);
            throw;
        }

        output.WriteLine($"rotated  {secret.Name} (previous value in {secret.PreviousFileName}; PostgreSQL role '{role}' changed)");
    }

    private static IReadOnlyList<R3mesSecret> Targets(RotateRequest request)
    {
        if (request.All == (request.Secrets.Count > 0))
        {
            throw OperatorException.Usage("rotate: give either --secret NAME (repeatable) or --all");
        }

        if (request.All)
        {
            return [.. R3mesCatalog.All.Where(s => s.Kind is SecretKind.Generated or SecretKind.TlsPair)];
        }

        var targets = new List<R3mesSecret>();
        foreach (var name in request.Secrets.Distinct(StringComparer.Ordinal))
        {
            var secret = R3mesCatalog.Find(name) ?? throw OperatorException.Usage($"rotate: unknown secret '{name}' (known: {R3mesCatalog.Names})");
            switch (secret.Kind)
            {
                case SecretKind.Imported:
                    throw OperatorException.Usage($"rotate: {name} is a blockchain key and is never invented; import a new one with 'secrets create --import {name}=PATH --force'");
                case SecretKind.Named:
                    throw OperatorException.Usage($"rotate: {name} is a name, not a secret value; rotate postgres_password instead");
                case SecretKind.TlsPair:
                    targets.AddRange(R3mesCatalog.All.Where(s => s.Kind == SecretKind.TlsPair && !targets.Contains(s)));
                    break;
                default:
                    targets.Add(secret);
                    break;
            }
        }

        return targets;
    }

    private static string? PostgresRoleOf(RotateRequest request, IReadOnlyList<R3mesSecret> targets, SecretDirectory store)
    {
        if (request.PostgresAdminUrl is null)
        {
            return request.PostgresRole is null ? null : throw OperatorException.Usage("--postgres-role needs --postgres-admin-url");
        }

        if (!targets.Any(t => t.Name == PostgresPassword))
        {
            throw OperatorException.Usage("--postgres-admin-url applies to postgres_password: add --secret postgres_password or --all");
        }

        var role = request.PostgresRole ?? store.Read("postgres_user.txt")?.RevealUtf8().Trim();
        return string.IsNullOrEmpty(role)
            ? throw OperatorException.Usage("--postgres-admin-url: no role name: write postgres_user.txt or pass --postgres-role")
            : role;
    }
}
