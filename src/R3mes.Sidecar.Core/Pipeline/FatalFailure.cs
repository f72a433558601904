namespace R3mes.Sidecar.Pipeline;

/// <summary>
/// The failure that ends the daemon (a secret loop that died): the first one reported is kept, and the command
/// exits 1 with it instead of 0 once the host has stopped. Value-free text only.
/// </summary>
public sealed class FatalFailure
{
    private string? _message;

    public string? Message => Volatile.Read(ref _message);

    /// <summary>Keeps <paramref name="message"/> unless a failure was already reported; returns whether it was the first.</summary>
    public bool Report(string message) => Interlocked.CompareExchange(ref _message, message, null) is null;
}
