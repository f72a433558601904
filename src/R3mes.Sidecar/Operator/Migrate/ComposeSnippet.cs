using R3mes.Sidecar.Operator.Catalog;

namespace R3mes.Sidecar.Operator.Migrate;

/// <summary>The Compose changes that go with a migration: top-level secrets from the files, and what a service lists.</summary>
internal static class ComposeSnippet
{
    public static void Write(TextWriter output, string directory, IReadOnlyList<R3mesSecret> secrets)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, directory);
        output.WriteLine();
        output.WriteLine("# docker-compose.yml: add (or let the sidecar render /run/secrets from the directory)");
        output.WriteLine("secrets:");
        foreach (var secret in secrets)
        {
            output.WriteLine($"  {secret.Name}:");
            output.WriteLine($"    file: ./{relative}/{secret.FileName}");
        }

        output.WriteLine("services:");
        output.WriteLine("  backend:");
        output.WriteLine("    secrets: [" + string.Join(", ", secrets.Select(s => s.Name)) + "]");
        output.WriteLine("    environment:");
        foreach (var secret in secrets)
        {
            output.WriteLine($"      {secret.EnvironmentVariable}_FILE: /run/secrets/{secret.Name}");
        }
    }
}
