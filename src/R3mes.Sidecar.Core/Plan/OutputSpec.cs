namespace R3mes.Sidecar.Plan;

/// <summary>The output directory and the defaults every file inherits.</summary>
public sealed record OutputSpec(string Directory, UnixFileMode Mode, int? Uid, int? Gid, bool RequireTmpfs);
