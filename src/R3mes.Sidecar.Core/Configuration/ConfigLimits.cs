namespace R3mes.Sidecar.Configuration;

/// <summary>
/// Bounds on a configuration file, so a hostile or broken file fails fast with a message instead of exhausting the
/// stack, the CPU or memory: a real configuration is a few kilobytes and a handful of levels deep.
/// </summary>
public static class ConfigLimits
{
    /// <summary>Largest configuration file read, in bytes (4 MiB).</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>Deepest nesting of mappings and sequences (objects and arrays in JSON).</summary>
    public const int MaxDepth = 64;

    /// <summary>Reads the whole file, refusing one larger than <see cref="MaxFileBytes"/> without reading past the limit.</summary>
    public static byte[] ReadAll(Stream stream, string? name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, MaxFileBytes + 1L - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxFileBytes)
            {
                throw new ConfigurationException(
                    $"configuration file{(name is null ? "" : $" '{name}'")} is larger than {MaxFileBytes / (1024 * 1024)} MiB, the limit: a sidecar configuration is a few kilobytes; check the path");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The error for nesting past <see cref="MaxDepth"/>.</summary>
    public static string TooDeep => $"nested deeper than {MaxDepth} levels: a sidecar configuration needs a handful; check the file";
}
