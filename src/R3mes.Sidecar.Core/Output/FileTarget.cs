namespace R3mes.Sidecar.Output;

/// <summary>A file to write: name in the output directory, mode, owner (null keeps the sidecar's own), and whether it may be replaced.</summary>
public sealed record FileTarget(string Name, UnixFileMode Mode, int? Uid, int? Gid, bool MayReplace = true);
