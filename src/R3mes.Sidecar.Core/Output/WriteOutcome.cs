namespace R3mes.Sidecar.Output;

/// <summary>What writing one file did.</summary>
public enum WriteOutcome
{
    /// <summary>New bytes were renamed into place.</summary>
    Written,

    /// <summary>The file already held these bytes with the right mode and owner: nothing touched.</summary>
    Unchanged,

    /// <summary>The bytes were right but mode or owner were not; they were corrected in place.</summary>
    MetadataFixed,

    /// <summary><c>update: never</c> and the file exists with other bytes: kept as it is.</summary>
    KeptExisting,

    /// <summary>The bytes were right but the file had other hard links: a fresh file took its name by rename.</summary>
    Relinked,
}
