namespace R3mes.Sidecar.Output;

/// <summary>
/// Test seam of <see cref="SecretFileWriter"/>: called in the windows another process sharing the output directory
/// could use, so a test can act there as that process. Production writers have none.
/// </summary>
internal interface IWriteRaceProbe
{
    /// <summary>The temporary file is written and flushed, not yet verified.</summary>
    void TempWritten(string directory, string tempName);

    /// <summary>The temporary file was verified; the rename comes next.</summary>
    void TempVerified(string directory, string tempName);
}
