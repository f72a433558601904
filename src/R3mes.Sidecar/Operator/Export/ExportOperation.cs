using R3mes.Sidecar.Operator.Catalog;
using R3mes.Sidecar.Operator.Store;
using R3mes.Sidecar.Output;

namespace R3mes.Sidecar.Operator.Export;

/// <summary>
/// <c>secrets export</c>: every R3MES secret present in the directory as a Kubernetes Secret manifest or the
/// Swarm <c>docker secret create</c> set, to standard output (refused on a terminal: a manifest holds values)
/// or a 0600 file (replaced only with <c>--force</c>).
/// </summary>
internal sealed partial class ExportOperation(TextWriter output, TextWriter log, bool outputIsTerminal)
{
    public void Run(string directory, string format, string? outFile, bool force, string name, string? ns, string prefix)
    {
        foreach (var (option, value) in new[] { ("--name", name), ("--namespace", ns) })
        {
            if (value is not null && !KubernetesName().IsMatch(value))
            {
                throw OperatorException.Usage($"{option} {value}: a Kubernetes name is lower-case letters, digits, '-' and '.'");
            }
        }

        var store = SecretDirectory.Open(directory, create: false);
        var present = R3mesCatalog.All.Where(s => store.Exists(s.FileName)).ToArray();
        if (present.Length == 0)
        {
            throw new OperatorException($"{directory} holds no R3MES secret: run 'r3mes-sidecar secrets create' first");
        }

        var document = format switch
        {
            "k8s" or "kubernetes" => KubernetesSecretManifest.Render(name, ns, [.. present.Select(s => (s.Name, store.Read(s.FileName)!))]),
            "swarm" => SwarmSecretScript.Render(prefix, [.. present.Select(s => (s.Name, store.PathOf(s.FileName)))]),
            _ => throw OperatorException.Usage($"--format {format}: expected k8s or swarm"),
        };
        if (outFile is null)
        {
            if (outputIsTerminal && format != "swarm")
            {
                throw OperatorException.Usage("refusing to print secret values to a terminal: redirect the output or pass --out FILE");
            }

            output.Write(document.RevealUtf8());
            return;
        }

        var full = Path.GetFullPath(outFile);
        var target = SecretDirectory.ProjectDirectory(Path.GetDirectoryName(full)!);
        if (target.Write(Path.GetFileName(full), document, replace: force) == WriteOutcome.KeptExisting)
        {
            throw new OperatorException($"{outFile} exists: nothing was written; pass --force to replace it");
        }

        log.WriteLine($"exported {string.Join(", ", present.Select(s => s.Name))} to {outFile} (0600)");
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")]
    private static partial System.Text.RegularExpressions.Regex KubernetesName();
}
