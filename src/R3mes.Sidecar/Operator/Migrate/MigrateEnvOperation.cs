using System.Globalization;
using System.Text;
using R3mes.Sidecar.Operator.Catalog;
using R3mes.Sidecar.Operator.Store;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Migrate;

/// <summary>
/// <c>secrets migrate-env</c>: the R3MES variables of a <c>.env</c> file become files in the secrets directory,
/// and <c>.env</c> is rewritten without them (each replaced by <c>NAME_FILE=/run/secrets/name</c>, which
/// R3mes.Secrets reads), after a 0600 backup. Every conflict is found before anything is written; a second run
/// finds nothing to move and changes nothing.
/// </summary>
internal sealed class MigrateEnvOperation(TimeProvider time, TextWriter output)
{
    /// <summary>Grafana's own variable for its admin password, also moved.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal) { ["GF_SECURITY_ADMIN_PASSWORD"] = "grafana_admin_password" };

    public void Run(string envFile, string directory, bool force)
    {
        var project = SecretDirectory.ProjectDirectory(Path.GetDirectoryName(Path.GetFullPath(envFile))!);
        var envName = Path.GetFileName(envFile);
        var original = project.Read(envName) ?? throw new OperatorException($"{envFile} does not exist");
        var lines = original.RevealUtf8().Split('\n').Select(EnvLine.Parse).ToArray();
        var moved = new Dictionary<R3mesSecret, string>();
        var keys = new Dictionary<R3mesSecret, string>();
        foreach (var line in lines)
        {
            if (SecretOf(line.Key) is { } secret && !string.IsNullOrEmpty(line.Value))
            {
                moved[secret] = line.Value;
                keys[secret] = line.Key!;
            }
        }

        if (moved.Count == 0)
        {
            output.WriteLine($"nothing to migrate: {envFile} holds none of {string.Join(", ", R3mesCatalog.All.Where(s => SecretOf(s.EnvironmentVariable) is not null).Select(s => s.EnvironmentVariable))}");
            return;
        }

        var store = SecretDirectory.Open(directory, create: true);
        foreach (var (secret, value) in moved)
        {
            if (!force && store.Read(secret.FileName) is { } existing && !existing.Equals(SecretValue.FromUtf8(value)))
            {
                throw new OperatorException($"{store.PathOf(secret.FileName)} exists with another value than {keys[secret]} in {envFile}: nothing was changed; pass --force to replace the file");
            }
        }

        foreach (var (secret, value) in moved)
        {
            var outcome = store.Write(secret.FileName, SecretValue.FromUtf8(value), replace: true);
            output.WriteLine($"{(outcome == WriteOutcome.Written ? "moved" : "kept"),-8} {keys[secret]} -> {store.PathOf(secret.FileName)}");
        }

        var backup = $"{envName}.{time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture)}.bak";
        project.Write(backup, original, replace: false);
        project.Write(envName, SecretValue.FromUtf8(Rewrite(lines)), replace: true, mode: project.ModeOf(envName));
        output.WriteLine($"rewrote  {envFile} without them (backup: {project.PathOf(backup)}, 0600)");
        ComposeSnippet.Write(output, store.Path, [.. moved.Keys]);
    }

    private static R3mesSecret? SecretOf(string? key) =>
        key is null ? null
        : Aliases.TryGetValue(key, out var alias) ? R3mesCatalog.Find(alias)
        : R3mesCatalog.All.FirstOrDefault(s => s.Kind is SecretKind.Generated or SecretKind.Named && s.EnvironmentVariable == key);

    private static string Rewrite(IEnumerable<EnvLine> lines)
    {
        var text = new StringBuilder();
        var first = true;
        foreach (var line in lines)
        {
            text.Append(first ? "" : "\n");
            first = false;
            if (SecretOf(line.Key) is { } secret && !string.IsNullOrEmpty(line.Value))
            {
                text.Append(CultureInfo.InvariantCulture, $"# {line.Key} moved to a secret file by r3mes-sidecar secrets migrate-env\n");
                text.Append(CultureInfo.InvariantCulture, $"{line.Key}_FILE=/run/secrets/{secret.Name}");
                continue;
            }

            text.Append(line.Text);
        }

        return text.ToString();
    }
}
