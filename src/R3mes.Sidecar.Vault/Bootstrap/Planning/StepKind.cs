namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>What a bootstrap step does; all but <see cref="WriteRoleIdFile"/> write to Vault.</summary>
internal enum StepKind
{
    EnableMount,
    EnableAuth,
    WriteKv,
    WriteObject,
    GeneratePkiRoot,
    ImportPkiCa,
    WritePolicy,
    WriteRoleIdFile,
    IssueSecretId,
}
