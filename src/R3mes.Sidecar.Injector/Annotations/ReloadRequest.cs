namespace R3mes.Sidecar.Injector.Annotations;

/// <summary>
/// <c>reload:</c> how the sidecar tells the app: a signal to a process by name (<c>signal:SIGHUP:backend</c>;
/// <c>nginx</c> is <c>signal:SIGHUP:nginx</c>, what <c>nginx -s reload</c> sends) or an HTTP call to a loopback URL.
/// </summary>
internal sealed record ReloadRequest(string Text, string? Signal, string? Process, Uri? Url)
{
    public bool NeedsSharedProcessNamespace => Signal is not null;
}
