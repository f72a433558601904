namespace R3mes.Sidecar.Vault.Bootstrap;

/// <summary>How a value Vault reads back is compared with the one the file wants.</summary>
internal enum FieldCompare
{
    /// <summary>Strings, exactly.</summary>
    Text,

    /// <summary>Whole numbers: TTLs in seconds (Vault answers durations as seconds), counts.</summary>
    Number,

    Flag,

    /// <summary>Lists whose order does not matter (policies, allowed roles, domains).</summary>
    Set,

    /// <summary>Lists whose order matters (SQL statements).</summary>
    Sequence,
}
