using System.Runtime.InteropServices;

namespace R3mes.Secrets.Tests.TestSupport;

/// <summary>
/// The layout Kubernetes' atomic writer gives a secret volume: <c>..&lt;timestamp&gt;/</c> holds the files,
/// <c>..data</c> links to it, and each visible name links to <c>..data/&lt;name&gt;</c>. An update writes a new
/// timestamped directory and renames a new <c>..data</c> link over the old one.
/// </summary>
internal static partial class KubernetesSecretVolume
{
    public static void Publish(TempSecretDirectory volume, string generation, IReadOnlyDictionary<string, string> files)
    {
        var payload = volume.PathOf(".." + generation);
        Directory.CreateDirectory(payload);
        foreach (var (name, content) in files)
            File.WriteAllText(Path.Join(payload, name), content);
        File.CreateSymbolicLink(volume.PathOf("..data_tmp"), ".." + generation);
        // rename(2) of the link itself; File.Move and Directory.Move resolve or refuse links to directories.
        if (Rename(volume.PathOf("..data_tmp"), volume.PathOf("..data")) != 0)
            throw new IOException($"rename ..data_tmp -> ..data failed: errno {Marshal.GetLastPInvokeError()}");
        foreach (var name in files.Keys)
        {
            if (!File.Exists(volume.PathOf(name)))
                File.CreateSymbolicLink(volume.PathOf(name), Path.Join("..data", name));
        }
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Rename(string oldPath, string newPath);
}
