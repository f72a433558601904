namespace R3mes.Sidecar.Plan;

/// <summary>One output file: its name in the output directory, how its bytes are made, its mode and owner.</summary>
public sealed record FileSpec(string Name, FileContent Content, UnixFileMode Mode, int? Uid, int? Gid);
