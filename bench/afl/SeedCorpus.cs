using System.Globalization;
using System.Text;
using R3mes.Sidecar.Fuzz.Tests.Harness;

namespace R3mes.Sidecar.Afl;

/// <summary>
/// Writes a target's seed inputs (the ones its FsCheck property mutates) as an AFL corpus, and its tokens as an AFL
/// dictionary. A seed that holds a private key (the generated PKI answer) is left out: the corpus is committed.
/// </summary>
internal static class SeedCorpus
{
    public static int Write(IFuzzTarget target, string directory, string dictionaryFile)
    {
        Directory.CreateDirectory(directory);
        var written = 0;
        for (var i = 0; i < target.Seeds.Count; i++)
        {
            var seed = target.Seeds[i];
            if (Encoding.UTF8.GetString(seed).Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                continue;
            }

            File.WriteAllBytes(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"seed-{i:D2}")), seed);
            written++;
        }

        var dictionary = new StringBuilder();
        for (var i = 0; i < target.Dictionary.Count; i++)
        {
            dictionary.Append(CultureInfo.InvariantCulture, $"token_{i}=\"{Escaped(target.Dictionary[i])}\"\n");
        }

        File.WriteAllText(dictionaryFile, dictionary.ToString());
        return written;
    }

    /// <summary>AFL's dictionary syntax: printable bytes as they are, but <c>"</c>, <c>\</c> and the rest as <c>\xNN</c>.</summary>
    private static string Escaped(byte[] token)
    {
        var text = new StringBuilder();
        foreach (var b in token)
        {
            text.Append(b is >= 0x20 and < 0x7f and not (byte)'"' and not (byte)'\\' ? ((char)b).ToString() : string.Create(CultureInfo.InvariantCulture, $"\\x{b:X2}"));
        }

        return text.ToString();
    }
}
