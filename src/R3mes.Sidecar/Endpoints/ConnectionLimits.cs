namespace R3mes.Sidecar.Endpoints;

/// <summary>
/// The validated <c>limits:</c>: open connections allowed per listener. Idle connections hold file descriptors,
/// and every process in the pod can open them; without a bound they once took all of the sidecar's, and every
/// refresh failed with "Too many open files".
/// </summary>
internal sealed record ConnectionLimits(int Listen, int VaultProxy, int AwsAgent)
{
    public const int DefaultPerListener = 64;
    public const int Most = 10_000;

    public static readonly ConnectionLimits Default = new(DefaultPerListener, DefaultPerListener, DefaultPerListener);

    /// <summary>The bound of the listener configured at <paramref name="listenerKey"/> (<c>listen</c>, <c>vault.proxy.listen</c>, <c>aws.agent.listen</c>).</summary>
    public int For(string listenerKey) => listenerKey switch
    {
        "vault.proxy.listen" => VaultProxy,
        "aws.agent.listen" => AwsAgent,
        _ => Listen,
    };
}
