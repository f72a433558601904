using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Vault.Auth;

namespace R3mes.Sidecar.Vault.AwsAuth;

/// <summary>
/// <c>method: aws</c> (IAM type) with <c>role</c>, and Vault's defaults for the STS endpoint and region
/// (https://sts.amazonaws.com/, us-east-1). Register with <c>.AddVaultAuth&lt;AwsIamAuthFactory&gt;()</c>.
/// </summary>
public sealed class AwsIamAuthFactory : IAuthMethodFactory
{
    public string Method => "aws";

    public IReadOnlyCollection<string> OptionKeys => AwsIamAuthOptions.Keys;

    public IAuthMethod? Create(AuthMethodContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.Bind(s => s.Get<AwsIamAuthOptions>());
        var role = context.Require(options.Role, "role", "backend");
        var stsText = options.StsEndpoint ?? "https://sts.amazonaws.com/";
        if (!Uri.TryCreate(stsText, UriKind.Absolute, out var sts) || sts.Scheme is not ("http" or "https"))
        {
            context.Errors.Add("vault.auth.sts_endpoint", $"'{stsText}' is not an STS endpoint URL, e.g. https://sts.eu-west-1.amazonaws.com");
            return null;
        }

        return role is null ? null : new AwsIamAuth(context.Mount, role, sts, options.StsRegion ?? "us-east-1", options.HeaderValue);
    }
}
