using R3mes.Sidecar.Secrets;

namespace R3mes.Sidecar.Operator.Backup;

/// <summary>One file in a backup: its name in the secrets directory, its permission bits, its bytes.</summary>
internal sealed record ArchiveEntry(string Name, UnixFileMode Mode, SecretValue Content);
