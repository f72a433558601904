using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace R3mes.Sidecar.Aws.Emulator;

/// <summary>The ECS / EKS Pod Identity container credentials endpoint: <c>GET path</c> with an optional
/// Authorization token answers the current temporary key (a new one once it has expired).</summary>
public sealed partial class AwsEmulator
{
    private readonly Dictionary<string, ContainerCredentialsEndpoint> _containerPaths = new(StringComparer.Ordinal);

    /// <summary>Serves temporary credentials for <paramref name="roleArn"/> (default a role in this account) at
    /// <paramref name="path"/>; when <paramref name="authorizationToken"/> is set the Authorization header must equal it
    /// (401 without it, 403 when wrong). Returns the credential served first.</summary>
    public AwsCredential ServeContainerCredentials(string path, string? authorizationToken = null, string? roleArn = null, TimeSpan? lifetime = null)
    {
        var role = roleArn ?? $"arn:aws:iam::{AccountId}:role/emulator-task";
        var ttl = lifetime ?? _options.AssumedRoleLifetime;
        var credential = IssueTemporaryCredentials(AssumedArn(role, "container"), ttl);
        lock (_gate)
        {
            _containerPaths[path] = new ContainerCredentialsEndpoint(authorizationToken, role, ttl) { Current = credential };
        }

        return credential;
    }

    /// <summary>The credential the endpoint at <paramref name="path"/> serves now.</summary>
    public AwsCredential ContainerCredential(string path)
    {
        lock (_gate)
        {
            return _containerPaths[path].Current;
        }
    }

    private AwsReply? ContainerCredentials(HttpRequest request)
    {
        ContainerCredentialsEndpoint? endpoint;
        lock (_gate)
        {
            _containerPaths.TryGetValue(request.Path.Value ?? "", out endpoint);
        }

        if (endpoint is null)
        {
            return null;
        }

        var authorization = request.Headers.Authorization.ToString();
        if (endpoint.AuthorizationToken is { } expected && authorization != expected)
        {
            var status = authorization.Length == 0 ? 401 : 403;
            return new AwsReply(status, "application/json", new JsonObject { ["Message"] = "Authorization failed" }.ToJsonString(), status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (endpoint.Current.Expires <= Now)
        {
            endpoint.Current = IssueTemporaryCredentials(AssumedArn(endpoint.RoleArn, "container"), endpoint.Lifetime);
        }

        var credential = endpoint.Current;
        return new AwsReply(200, "application/json", new JsonObject
        {
            ["RoleArn"] = endpoint.RoleArn,
            ["AccessKeyId"] = credential.AccessKeyId,
            ["SecretAccessKey"] = credential.SecretKey,
            ["Token"] = credential.SessionToken,
            ["Expiration"] = Iso8601(credential.Expires!.Value),
        }.ToJsonString());
    }

    private static string AssumedArn(string roleArn, string session) =>
        $"arn:aws:sts::{AccountOf(roleArn)}:assumed-role/{roleArn[(roleArn.LastIndexOf('/') + 1)..]}/{session}";
}
