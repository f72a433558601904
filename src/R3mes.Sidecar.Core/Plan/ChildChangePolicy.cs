namespace R3mes.Sidecar.Plan;

/// <summary>What <c>exec</c> mode does to its child when a file changed.</summary>
public enum ChildChangePolicy
{
    /// <summary>Send the configured signal (default SIGHUP).</summary>
    Reload,

    /// <summary>Stop the child (SIGTERM, then SIGKILL after the kill timeout) and start it again.</summary>
    Restart,

    /// <summary>Leave the child alone; per-secret actions still run.</summary>
    None,
}
