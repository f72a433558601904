using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace R3mes.Sidecar.Aws.Credentials;

/// <summary>
/// AWSSDK.Core's default credential chain (environment → web identity → profile → container → IMDSv2), resolved at
/// the first request rather than at start, so <c>check</c> and start-up never touch the network. The credentials it
/// finds refresh themselves before they expire (the SDK's refreshing providers).
/// </summary>
public sealed class ChainCredentials : AWSCredentials
{
    private readonly Lazy<DefaultAWSCredentialsIdentityResolver> _resolver = new(() => new DefaultAWSCredentialsIdentityResolver());
    private AWSCredentials? _resolved;

    public override ImmutableCredentials GetCredentials() => Resolve().GetCredentials();

    public override async Task<ImmutableCredentials> GetCredentialsAsync() =>
        await (await ResolveAsync().ConfigureAwait(false)).GetCredentialsAsync().ConfigureAwait(false);

    private AWSCredentials Resolve() => _resolved ??= _resolver.Value.ResolveIdentity(null);

    private async Task<AWSCredentials> ResolveAsync() =>
        _resolved ??= await _resolver.Value.ResolveIdentityAsync(null, CancellationToken.None).ConfigureAwait(false);
}
