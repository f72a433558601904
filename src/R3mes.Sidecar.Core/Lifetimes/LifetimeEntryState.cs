namespace R3mes.Sidecar.Lifetimes;

/// <summary>Where a <see cref="LifetimeEntry"/> stands on the engine.</summary>
internal enum LifetimeEntryState
{
    /// <summary>Waiting in the due-time queue.</summary>
    Queued,

    /// <summary>Its work runs on the thread pool.</summary>
    Running,

    /// <summary>Runs only when woken (its last run asked for no next time).</summary>
    Parked,

    /// <summary>Stopped, or ended by an exception: never runs again.</summary>
    Stopped,
}
