using Microsoft.Extensions.Configuration;
using R3mes.Sidecar.Vault.Auth;

namespace R3mes.Sidecar.Vault.AwsAuth;

/// <summary>
/// <c>method: aws</c> (IAM type) with <c>role</c>, and Vault's defaults for the STS endpoint and region
/// (https://sts.amazonaws.com/, us-east-1). Register with <c>.AddVaultAuth&lt;AwsIamAuthFactory&gt;()</c>.
/// </summary>
public sealed class AwsIamAuthFactory() : AuthMethodFactory<AwsIamAuthOptions>("aws", AwsIamAuthOptions.Keys)
{
    protected override AwsIamAuthOptions? Bind(IConfigurationSection section) => section.Get<AwsIamAuthOptions>();

    protected override IAuthMethod? Create(AuthMethodContext context, AwsIamAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
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
