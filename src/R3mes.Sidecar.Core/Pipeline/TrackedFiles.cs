using R3mes.Sidecar.Output;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Pipeline;

/// <summary>The files a secret renders, for readiness: which of them are not (or no longer) regular files in the output directory.</summary>
internal sealed record TrackedFiles(string Directory, IReadOnlyList<string> Names)
{
    /// <summary>The names missing now (all of them when the directory itself is gone), looked up without following a symlink.</summary>
    public IReadOnlyList<string> Missing()
    {
        FileDescriptor dir;
        try
        {
            dir = SecretFileWriter.OpenDirectory(Directory);
        }
        catch (OutputException)
        {
            return Names;
        }

        using (dir)
        {
            return Names.Where(name => FileStatus.At(dir.Value, name) is not { IsRegular: true }).ToArray();
        }
    }
}
