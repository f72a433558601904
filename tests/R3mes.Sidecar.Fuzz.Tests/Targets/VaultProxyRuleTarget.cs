using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using R3mes.Sidecar.Endpoints;
using R3mes.Sidecar.Fuzz.Tests.Harness;

namespace R3mes.Sidecar.Fuzz.Tests.Targets;

/// <summary>
/// The Vault proxy's request rules: a target it forwards is an origin-form <c>/v1/</c> path that still is one under
/// <c>/v1/</c> after the upstream decodes it once and resolves dot segments (no way out to <c>/sys</c> or elsewhere).
/// </summary>
internal sealed class VaultProxyRuleTarget : IFuzzTarget
{
    public string Name => "vault proxy request rules";

    public IReadOnlyList<byte[]> Seeds { get; } = Utf8Input.All(
        "/v1/secret/data/app", "/v1/database/creds/backend?x=1", "/v1/sys/health", "/v1/auth/token/lookup-self", "/v1/pki/issue/web",
        "/v1/a%20b/c", "/v2/secret", "/v1/../sys");

    public IReadOnlyList<byte[]> Dictionary { get; } = Utf8Input.All(
        "..", ".", "/", "\\", "%2e", "%2E", "%2f", "%5c", "%252e", "?", "#", "//", "%00", "%", "/v1/", ";", "%c0%ae", "\uff0e");

    public bool MessagesMayQuoteInput => true;

    public FuzzOutcome Run(byte[] input)
    {
        var target = Utf8Input.Text(input);
        var context = new DefaultHttpContext();
        context.Request.Headers["X-Vault-Request"] = "true";
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = target;
        if (VaultProxy.Refusal(context) is { } refusal)
        {
            Assert.InRange(refusal.Status, 400, 499);
            return FuzzOutcome.Refused;
        }

        var path = target.Split('?', 2)[0];
        Assert.StartsWith("/v1/", path, StringComparison.Ordinal);
        var decoded = Uri.UnescapeDataString(path);
        Assert.DoesNotContain(decoded.Split('/', '\\'), s => s is "." or "..");
        if (Uri.TryCreate("http://vault.test" + path, UriKind.Absolute, out var uri))
        {
            Assert.StartsWith("/v1/", uri.AbsolutePath, StringComparison.Ordinal);
        }

        return FuzzOutcome.Accepted;
    }

    public bool IsRefusal(Exception error) => false;
}
