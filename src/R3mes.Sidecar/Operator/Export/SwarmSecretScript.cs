using System.Text;
using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Export;

/// <summary>
/// The <c>docker secret create</c> set for a Swarm stack. Each command reads its secret from the file
/// (<c>docker secret create NAME FILE</c>), so the script holds paths, never values. Swarm secrets cannot be
/// changed: a rotation creates new names (<c>--prefix r3mes_v2_</c>) and updates the stack.
/// </summary>
internal static class SwarmSecretScript
{
    public static SecretValue Render(string prefix, IReadOnlyList<(string Key, string Path)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var text = new StringBuilder("#!/bin/sh\n# Swarm secrets for R3MES, read from the secret files (r3mes-sidecar secrets export --format swarm)\nset -eu\n");
        foreach (var (key, path) in entries)
        {
            text.Append("docker secret create ").Append(Quote(prefix + key)).Append(' ').Append(Quote(path)).Append('\n');
        }

        return SecretValue.FromUtf8(text.ToString());
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
