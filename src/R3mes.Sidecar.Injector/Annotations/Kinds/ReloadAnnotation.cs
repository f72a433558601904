using System.Net;
using System.Text.RegularExpressions;
using R3mes.Sidecar.Posix;

namespace R3mes.Sidecar.Injector.Annotations.Kinds;

/// <summary>
/// <c>reload:</c> <c>signal:SIGNAL:PROCESS</c>, <c>nginx</c> (SIGHUP to nginx — what <c>nginx -s reload</c> sends), or
/// <c>http://127.0.0.1:PORT/PATH</c>. The URL must be loopback: the app is in the same pod, and an annotation must
/// never make anything call elsewhere.
/// </summary>
internal sealed partial class ReloadAnnotation : IAnnotationKind
{
    public string Name => "reload";

    public bool PerFile => false;

    public string? Read(string file, string value, PodRequest request)
    {
        if (value == "nginx")
        {
            request.Reload = new ReloadRequest(value, "SIGHUP", "nginx", null);
            return null;
        }

        if (value.StartsWith("signal:", StringComparison.Ordinal))
        {
            var parts = value.Split(':');
            if (parts.Length != 3 || !Signals.TryParse(parts[1], out _) || !ProcessName().IsMatch(parts[2]))
            {
                return $"'{value}' is not signal:SIGNAL:PROCESS, e.g. signal:SIGHUP:backend (process name as in /proc/PID/comm, at most 15 characters)";
            }

            request.Reload = new ReloadRequest(value, parts[1], parts[2], null);
            return null;
        }

        if (value.StartsWith("http://", StringComparison.Ordinal) &&
            Uri.TryCreate(value, UriKind.Absolute, out var url) && string.IsNullOrEmpty(url.UserInfo) && string.IsNullOrEmpty(url.Fragment) &&
            (url.Host == "localhost" || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address))))
        {
            request.Reload = new ReloadRequest(value, null, null, url);
            return null;
        }

        return $"'{value}' is not a reload action: use nginx, signal:SIGHUP:PROCESS or http://127.0.0.1:PORT/PATH (loopback only)";
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]{1,15}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ProcessName();
}
