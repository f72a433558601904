using System.Net;
using System.Net.Sockets;
using Polly.Timeout;
using R3mes.Sidecar.Diagnostics;
using R3mes.Sidecar.Output;
using R3mes.Sidecar.Secrets;
using R3mes.Sidecar.Sources;

namespace R3mes.Sidecar.Core.Tests.Diagnostics;

public sealed class FailureReasonTests
{
    public static TheoryData<Exception, string> Cases => new()
    {
        { new HttpRequestException("Connection refused"), "unreachable" },
        { new SocketException((int)SocketError.ConnectionRefused), "unreachable" },
        { new TimeoutRejectedException(), "timeout" },
        { new OperationCanceledException(), "timeout" },
        { new StatusFailure(HttpStatusCode.Forbidden), "denied" },
        { new StatusFailure(HttpStatusCode.Unauthorized), "denied" },
        { new StatusFailure(HttpStatusCode.NotFound), "not_found" },
        { new StatusFailure(HttpStatusCode.TooManyRequests), "throttled" },
        { new StatusFailure(HttpStatusCode.ServiceUnavailable), "server" },
        { new StatusFailure(HttpStatusCode.BadRequest), "rejected" },
        { new StatusFailure(0), "other" },
        { new HttpRequestException("bad gateway", null, HttpStatusCode.BadGateway), "server" },
        { new SecretSourceException("vault x: unreachable", new HttpRequestException("refused")), "unreachable" },
        { new SecretSourceException("file x: no such file or directory"), "other" },
        { new SecretFormatException("field 'x' is missing"), "render" },
        { new OutputException("jwt_secret is a symlink"), "write" },
        { new InvalidOperationException("wrapped", new OutputException("x")), "write" },
        { new InvalidOperationException("no cause"), "other" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Of_Exception_OneOfTheFixedLabels(Exception exception, string expected)
    {
        var reason = FailureReason.Of(exception);

        Assert.Equal(expected, reason);
        Assert.Contains(reason, FailureReason.All);
    }

    [Fact]
    public void MeansDown_OnlyWhenTheBackendCouldNotServe()
    {
        Assert.Equal(["unreachable", "timeout", "server"], FailureReason.All.Where(FailureReason.MeansDown));
    }

    private sealed class StatusFailure(HttpStatusCode status) : Exception("status"), IHttpFailure
    {
        public HttpStatusCode Status => status;
    }
}
