using Amazon;
using Amazon.Runtime;
using Amazon.RuntimeDependencies;
using Amazon.SecurityToken;

namespace R3mes.Sidecar.Aws.Credentials;

/// <summary>
/// Web identity (IRSA) and assumed-role credentials need an STS client, which AWSSDK.Core otherwise loads by
/// reflection — that fails under NativeAOT. Registered once, explicitly, as AWS documents for trimmed apps. Honours
/// <c>AWS_ENDPOINT_URL_STS</c> / <c>AWS_ENDPOINT_URL</c> (VPC endpoints, tests).
/// </summary>
internal static class StsRegistration
{
    private static int _registered;

    public static void Ensure(Func<string, string?> environment)
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        var endpoint = environment("AWS_ENDPOINT_URL_STS") ?? environment("AWS_ENDPOINT_URL");
        GlobalRuntimeDependencyRegistry.Instance.RegisterSecurityTokenServiceClient(context =>
        {
            var config = new AmazonSecurityTokenServiceConfig();
            var region = context.SecurityTokenServiceClientContextData?.Region;
            if (endpoint is not null)
            {
                config.ServiceURL = endpoint;
                config.AuthenticationRegion = region?.SystemName ?? environment("AWS_REGION") ?? "us-east-1";
            }
            else
            {
                config.RegionEndpoint = region ?? RegionEndpoint.USEast1;
            }

            return new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), config);
        });
    }
}
